package io.agenttransport.cli.certs;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A CA with core's client certificate and one server certificate per agent, in memory until {@link
 * #writeTo} writes it as PEM files.
 *
 * <p>The files are {@code ca.pem} and {@code ca-key.pem}, {@code core.pem} and {@code
 * core-key.pem}, and {@code NAME.pem} and {@code NAME-key.pem} per agent.
 *
 * @param ca the self-signed CA
 * @param core core's client certificate
 * @param coreUri core's URI identity, the URI subject alternative name of its certificate
 * @param coreCommonName core's CN identity, the common name of its certificate
 * @param agents each agent's server certificate by agent name, in the order given
 * @param agentSpecs the agents' names and hosts, in the same order
 */
public record CertificateSet(
    IssuedCertificate ca,
    IssuedCertificate core,
    String coreUri,
    String coreCommonName,
    Map<String, IssuedCertificate> agents,
    List<AgentSpec> agentSpecs) {
  /** The file name of the CA certificate. */
  public static final String CA_FILE = "ca.pem";

  /** The file name of core's certificate. */
  public static final String CORE_CERT_FILE = "core.pem";

  /** The file name of core's private key. */
  public static final String CORE_KEY_FILE = "core-key.pem";

  /** Validates the components and copies the collections. */
  public CertificateSet {
    Objects.requireNonNull(ca, "ca");
    Objects.requireNonNull(core, "core");
    Objects.requireNonNull(coreUri, "coreUri");
    Objects.requireNonNull(coreCommonName, "coreCommonName");
    agents = Collections.unmodifiableMap(new LinkedHashMap<>(agents));
    agentSpecs = List.copyOf(agentSpecs);
  }

  /**
   * Issues a CA, core's certificate and each agent's certificate.
   *
   * @param issuer the issuer, which fixes the key type and validity
   * @param coreUri core's URI identity
   * @param coreCommonName core's CN identity
   * @param agentSpecs the agents, with distinct names
   */
  public static CertificateSet issue(
      CertificateIssuer issuer, String coreUri, String coreCommonName, List<AgentSpec> agentSpecs) {
    IssuedCertificate ca = issuer.issueCa("Agent Transports CA");
    IssuedCertificate core = issuer.issueClient(ca, coreCommonName, coreUri);
    Map<String, IssuedCertificate> agents = new LinkedHashMap<>();
    for (AgentSpec spec : agentSpecs) {
      if (agents.containsKey(spec.name())) {
        throw new IllegalArgumentException("agent name '" + spec.name() + "' is given twice");
      }
      agents.put(spec.name(), issuer.issueServer(ca, spec.name(), spec.hosts()));
    }
    return new CertificateSet(ca, core, coreUri, coreCommonName, agents, agentSpecs);
  }

  /** Returns the file name of an agent's certificate. */
  public static String agentCertFile(String agentName) {
    return agentName + ".pem";
  }

  /** Returns the file name of an agent's private key. */
  public static String agentKeyFile(String agentName) {
    return agentName + "-key.pem";
  }

  /**
   * Writes every certificate and key into {@code directory}, creating it if needed. Without {@code
   * overwrite}, nothing is written if any of the files exists.
   *
   * @return the files written with what each holds, in the order written
   * @throws FileAlreadyExistsException naming the first existing file, without {@code overwrite}
   */
  public List<WrittenFile> writeTo(Path directory, boolean overwrite) throws IOException {
    List<WrittenFile> plan = plan(directory);
    Set<Path> paths = new HashSet<>();
    for (WrittenFile file : plan) {
      if (!paths.add(file.path())) {
        throw new IllegalArgumentException(
            "two files would be written to "
                + file.path()
                + ": rename the agent whose name clashes with ca, core or another agent");
      }
    }
    if (!overwrite) {
      for (WrittenFile file : plan) {
        if (Files.exists(file.path())) {
          throw new FileAlreadyExistsException(file.path().toString());
        }
      }
    }
    Files.createDirectories(directory);
    for (WrittenFile file : plan) {
      file.writer().write(file.path(), overwrite);
    }
    return plan;
  }

  private List<WrittenFile> plan(Path directory) {
    List<WrittenFile> plan = new ArrayList<>();
    plan.add(certificate(directory, CA_FILE, ca, "CA certificate: ca_bundle and client_ca_bundle"));
    plan.add(
        key(
            directory,
            "ca-key.pem",
            ca,
            "CA private key: keep it offline, it signs new certificates"));
    plan.add(
        certificate(
            directory,
            CORE_CERT_FILE,
            core,
            "core's client certificate, identity URI:" + coreUri + " and CN:" + coreCommonName));
    plan.add(key(directory, CORE_KEY_FILE, core, "core's private key, for TLS and signing"));
    for (AgentSpec spec : agentSpecs) {
      IssuedCertificate agent = agents.get(spec.name());
      plan.add(
          certificate(
              directory,
              agentCertFile(spec.name()),
              agent,
              "server certificate of agent "
                  + spec.name()
                  + " for "
                  + String.join(", ", spec.hosts())));
      plan.add(
          key(directory, agentKeyFile(spec.name()), agent, "private key of agent " + spec.name()));
    }
    return plan;
  }

  private static WrittenFile certificate(
      Path directory, String name, IssuedCertificate issued, String description) {
    return new WrittenFile(
        directory.resolve(name),
        description,
        false,
        (path, overwrite) ->
            PemFiles.writeCertificates(path, List.of(issued.certificate()), overwrite));
  }

  private static WrittenFile key(
      Path directory, String name, IssuedCertificate issued, String description) {
    return new WrittenFile(
        directory.resolve(name),
        description,
        true,
        (path, overwrite) -> PemFiles.writePrivateKey(path, issued.privateKey(), overwrite));
  }

  /** Returns a fixed description: private keys are never shown. */
  @Override
  public String toString() {
    return "CertificateSet[core=" + coreUri + ", agents=" + agents.keySet() + "]";
  }

  /**
   * One file that {@link #writeTo} writes.
   *
   * @param path where the file is written
   * @param description what the file contains and where it is used
   * @param privateKey whether the file contains a private key
   * @param writer writes the file
   */
  public record WrittenFile(
      Path path, String description, boolean privateKey, PemFileWriter writer) {}

  /** Writes one PEM file. */
  @FunctionalInterface
  public interface PemFileWriter {
    /** Writes the file at {@code path}, replacing it only with {@code overwrite}. */
    void write(Path path, boolean overwrite) throws IOException;
  }
}
