package io.agenttransport.http.internal;

import static io.agenttransport.http.internal.Futures.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.agenttransport.agent.ReferenceAgent;
import io.agenttransport.api.AgentChannel;
import io.agenttransport.api.CallListener;
import io.agenttransport.config.AgentTlsConfig;
import io.agenttransport.config.ClientSettings;
import io.agenttransport.config.CoreTlsConfig;
import io.agenttransport.config.PeerIdentity;
import io.agenttransport.config.Secret;
import io.agenttransport.config.ServerSettings;
import io.agenttransport.model.ActionScheduleRequest;
import io.agenttransport.model.ActionScheduleResponse;
import io.agenttransport.model.JsonValue;
import io.agenttransport.model.NodeInfo;
import io.agenttransport.security.RequestGuard;
import io.agenttransport.security.signature.RequestSigner;
import io.agenttransport.security.signature.SignatureAlgorithm;
import io.agenttransport.security.tls.ClientTlsMaterial;
import io.agenttransport.security.tls.PemFiles;
import io.agenttransport.security.tls.ServerTlsMaterial;
import io.agenttransport.spi.ClientTransport;
import io.agenttransport.spi.ServerContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificates and keys made by the {@code openssl} command line, in the formats people produce
 * (PKCS#1 RSA, SEC1 EC, encrypted PKCS#8 Ed25519), loaded from files and used end to end.
 */
class OpenSslCertificatesTest {
  private static final String CORE_URI = "spiffe://agent-transport.test/core";
  private static final String PASSWORD = "correct horse";

  @TempDir static Path directory;

  private final ReferenceAgent agent = ReferenceAgent.create("node-1");
  private final List<AutoCloseable> resources = new ArrayList<>();

  @BeforeAll
  static void createPki() throws IOException {
    assumeTrue(ExternalCommand.isAvailable("openssl", "version"), "openssl is not installed");
    caCertificate("ca-ec", "ec", "-pkeyopt", "ec_paramgen_curve:P-256");
    caCertificate("ca-rsa", "rsa:2048");
    Files.writeString(
        directory.resolve("bundle.pem"),
        Files.readString(directory.resolve("ca-ec.pem"))
            + Files.readString(directory.resolve("ca-rsa.pem")));

    openssl("genrsa", "-traditional", "-out", "agent-rsa.key", "2048");
    leaf("agent-rsa", "ca-ec", "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
    openssl(
        "genpkey",
        "-algorithm",
        "ed25519",
        "-aes-256-cbc",
        "-pass",
        "pass:" + PASSWORD,
        "-out",
        "agent-ed25519.key");
    leaf("agent-ed25519", "ca-rsa", "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
    openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "core-ec.key");
    leaf("core-ec", "ca-rsa", "subjectAltName=URI:" + CORE_URI + "\nextendedKeyUsage=clientAuth\n");
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable resource : resources) {
      resource.close();
    }
    agent.close();
  }

  @Test
  void rsaPkcs1AgentServesEcSec1Core() throws Exception {
    AgentChannel channel = channel(startAgent("agent-rsa", null));
    ActionScheduleRequest request =
        ActionScheduleRequest.create("agent.replicante.io/test.loop", JsonValue.parse("{}"));

    NodeInfo node = value(channel.nodeInfo());
    ActionScheduleResponse scheduled = value(channel.scheduleAction(request));

    assertThat(node.nodeId()).isEqualTo("node-1");
    assertThat(scheduled.id()).isEqualTo(request.id());
  }

  @Test
  void encryptedEd25519AgentServesCore() throws Exception {
    AgentChannel channel = channel(startAgent("agent-ed25519", Secret.of(PASSWORD)));

    NodeInfo node = value(channel.nodeInfo());

    assertThat(node.nodeId()).isEqualTo("node-1");
  }

  private JettyAgentServer startAgent(String name, Secret password) {
    ServerSettings settings = ServerSettings.DEFAULTS;
    ServerTlsMaterial material =
        ServerTlsMaterial.load(
            new AgentTlsConfig(
                file(name + ".pem"),
                file(name + ".key"),
                password,
                file("bundle.pem"),
                List.of(PeerIdentity.parse("URI:" + CORE_URI))),
            settings);
    PublicKey coreKey =
        PemFiles.readCertificates(file("core-ec.pem"), "test").get(0).getPublicKey();
    RequestGuard guard =
        RequestGuard.builder(Clock.systemUTC())
            .tls(material)
            .trustKey("core-ec", coreKey, SignatureAlgorithm.ECDSA_P256_SHA256)
            .build();
    JettyAgentServer server =
        JettyAgentServer.start(
            new ServerContext(settings, material, guard, Map.of(), Clock.systemUTC(), e -> {}),
            agent);
    resources.add(server);
    return server;
  }

  private AgentChannel channel(JettyAgentServer server) {
    ClientTlsMaterial material =
        ClientTlsMaterial.load(
            new CoreTlsConfig(file("bundle.pem"), file("core-ec.key"), file("core-ec.pem"), null),
            ClientSettings.DEFAULTS);
    PrivateKey signingKey = PemFiles.readPrivateKey(file("core-ec.key"), null, "test");
    ClientTransport client =
        TlsSetup.client(
            material,
            RequestSigner.create("core-ec", signingKey, Clock.systemUTC()),
            ClientSettings.DEFAULTS,
            CallListener.NONE);
    resources.add(client);
    return client.open(server.boundAddress());
  }

  private static Path file(String name) {
    return directory.resolve(name);
  }

  private static void caCertificate(String name, String... keyOptions) throws IOException {
    List<String> command = new ArrayList<>(List.of("openssl", "req", "-x509", "-newkey"));
    command.addAll(List.of(keyOptions));
    command.addAll(
        List.of(
            "-nodes",
            "-keyout",
            name + ".key",
            "-out",
            name + ".pem",
            "-days",
            "2",
            "-subj",
            "/CN=" + name,
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign"));
    ExternalCommand.check(directory, command.toArray(String[]::new));
  }

  private static void leaf(String name, String ca, String extensions) throws IOException {
    Files.writeString(
        directory.resolve(name + ".ext"),
        extensions + "keyUsage=critical,digitalSignature,keyEncipherment\n");
    String[] passIn =
        name.equals("agent-ed25519") ? new String[] {"-passin", "pass:" + PASSWORD} : new String[0];
    List<String> request =
        new ArrayList<>(
            List.of(
                "openssl",
                "req",
                "-new",
                "-key",
                name + ".key",
                "-subj",
                "/CN=" + name,
                "-out",
                name + ".csr"));
    request.addAll(List.of(passIn));
    ExternalCommand.check(directory, request.toArray(String[]::new));
    openssl(
        "x509",
        "-req",
        "-in",
        name + ".csr",
        "-CA",
        ca + ".pem",
        "-CAkey",
        ca + ".key",
        "-set_serial",
        String.valueOf(System.nanoTime()),
        "-days",
        "1",
        "-extfile",
        name + ".ext",
        "-out",
        name + ".pem");
  }

  private static void openssl(String... arguments) throws IOException {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(arguments));
    ExternalCommand.check(directory, command.toArray(String[]::new));
  }
}
