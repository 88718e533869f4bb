package io.agenttransport.cli;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.cli.certs.AgentSpec;
import io.agenttransport.cli.certs.CertificateIssuer;
import io.agenttransport.cli.certs.CertificateSet;
import io.agenttransport.cli.certs.KeyType;
import io.agenttransport.config.CoreConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Writes a CA, core's client certificate and a server certificate per agent. */
@Command(
    name = "certs",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a self-signed CA, core's client certificate and a server certificate per agent, "
          + "then prints the configuration that uses them.",
      "Private keys are written readable by their owner only. Existing files are kept unless "
          + "--force is given."
    })
final class CertsCommand implements Callable<Integer> {
  /** The port in the printed configuration, a suggestion the user may change. */
  private static final int EXAMPLE_PORT = 8443;

  @Spec private CommandSpec spec;

  @Option(
      names = {"-o", "--out"},
      paramLabel = "DIR",
      defaultValue = "certs",
      description =
          "Directory to write the files to; created if missing. Default: ${DEFAULT-VALUE}.")
  private Path out;

  @Option(
      names = "--agent",
      paramLabel = "NAME[=HOST,...]",
      description = {
        "An agent to issue a server certificate for, with the DNS names and IP addresses it is "
            + "reached at. Repeatable. Without hosts: localhost, 127.0.0.1 and ::1.",
        "Default: one agent named 'agent' on the loopback addresses."
      })
  private List<String> agents = new ArrayList<>();

  @Option(
      names = "--core-uri",
      paramLabel = "URI",
      defaultValue = "spiffe://agent-transport/core",
      description =
          "Core's identity, written as a URI subject alternative name. Default: ${DEFAULT-VALUE}.")
  private String coreUri;

  @Option(
      names = "--core-cn",
      paramLabel = "NAME",
      defaultValue = "core",
      description = "Core's common name. Default: ${DEFAULT-VALUE}.")
  private String coreCommonName;

  @Option(
      names = "--key-type",
      paramLabel = "TYPE",
      defaultValue = "ec",
      description =
          "Key type of every key: ec (P-256), rsa (3072 bits) or ed25519. Default: ${DEFAULT-VALUE}.")
  private KeyType keyType;

  @Option(
      names = "--days",
      paramLabel = "DAYS",
      defaultValue = "365",
      description = "How many days the certificates are valid. Default: ${DEFAULT-VALUE}.")
  private int days;

  @Option(names = "--force", description = "Replace files that exist already.")
  private boolean force;

  @Override
  public Integer call() throws IOException {
    List<AgentSpec> agentSpecs = parseAgents();
    validateCoreUri();
    if (days < 1) {
      throw new ParameterException(
          spec.commandLine(), "invalid --days " + days + ": expected 1 or more");
    }
    CertificateIssuer issuer =
        new CertificateIssuer(keyType, Duration.ofDays(days), Clock.systemUTC());
    CertificateSet set;
    try {
      set = CertificateSet.issue(issuer, coreUri, coreCommonName, agentSpecs);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    List<CertificateSet.WrittenFile> written;
    try {
      written = set.writeTo(out, force);
    } catch (FileAlreadyExistsException e) {
      throw new ParameterException(
          spec.commandLine(),
          "file "
              + e.getFile()
              + " exists already: remove it, choose another --out or add --force");
    }
    print(set, written);
    return AgentTransportCommand.EXIT_OK;
  }

  private List<AgentSpec> parseAgents() {
    List<AgentSpec> result = new ArrayList<>();
    try {
      for (String agent : agents) {
        result.add(AgentSpec.parse(agent));
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--agent: " + e.getMessage(), e);
    }
    if (result.isEmpty()) {
      result.add(new AgentSpec("agent", AgentSpec.LOOPBACK_HOSTS));
    }
    return result;
  }

  private void validateCoreUri() {
    try {
      URI uri = new URI(coreUri);
      if (uri.getScheme() == null) {
        throw new URISyntaxException(coreUri, "the scheme is missing");
      }
    } catch (URISyntaxException e) {
      throw new ParameterException(
          spec.commandLine(),
          "invalid --core-uri '"
              + coreUri
              + "': expected an absolute URI such as "
              + "spiffe://example/core");
    }
  }

  private void print(CertificateSet set, List<CertificateSet.WrittenFile> written) {
    PrintWriter printer = spec.commandLine().getOut();
    printer.printf(
        "Wrote %d files with %s keys to %s (private keys readable by their owner only):%n",
        written.size(), keyType.description(), out.toAbsolutePath().normalize());
    for (CertificateSet.WrittenFile file : written) {
      printer.printf("  %-24s %s%n", file.path().getFileName(), file.description());
    }
    printer.println();
    printer.println("# core.yaml");
    printer.print(coreSnippet(set));
    for (AgentSpec agent : set.agentSpecs()) {
      printer.println();
      printer.println("# agent.yaml for " + agent.name());
      printer.print(agentSnippet(agent));
    }
    printer.flush();
  }

  private String coreSnippet(CertificateSet set) {
    List<AgentAddress> addresses = new ArrayList<>();
    for (AgentSpec agent : set.agentSpecs()) {
      addresses.add(new AgentAddress("https", agent.hosts().get(0), EXAMPLE_PORT));
    }
    return ConfigSnippets.core(
        CoreConfig.DEFAULT_TRANSPORT,
        out.resolve(CertificateSet.CA_FILE),
        out.resolve(CertificateSet.CORE_KEY_FILE),
        out.resolve(CertificateSet.CORE_CERT_FILE),
        addresses);
  }

  private String agentSnippet(AgentSpec agent) {
    return ConfigSnippets.agent(
        CoreConfig.DEFAULT_TRANSPORT,
        "0.0.0.0",
        EXAMPLE_PORT,
        out.resolve(CertificateSet.agentCertFile(agent.name())),
        out.resolve(CertificateSet.agentKeyFile(agent.name())),
        out.resolve(CertificateSet.CA_FILE),
        "URI:" + coreUri,
        out.resolve(CertificateSet.CORE_CERT_FILE));
  }
}
