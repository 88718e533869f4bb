package io.agenttransport.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.agenttransport.agent.ReferenceAgent;
import io.agenttransport.config.ServerSettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code curl} command line as core: ordinary tools can read an agent over mutual TLS. */
class CurlTest {
  private final TlsSetup tls = new TlsSetup();
  private final ReferenceAgent agent = ReferenceAgent.create("node-1");
  private final RecordingListener serverEvents = new RecordingListener();
  private JettyAgentServer server;

  @TempDir Path directory;

  @BeforeEach
  void start() {
    assumeTrue(ExternalCommand.isAvailable("curl", "--version"), "curl is not installed");
    server = tls.startServer(agent, ServerSettings.DEFAULTS, serverEvents);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    agent.close();
  }

  private String url() {
    return server.boundAddress() + "/api/unstable/info/node";
  }

  @Test
  void curlWithClientCertificateReadsNodeInfo() throws Exception {
    Path ca = tls.ca.writeCertificate(directory.resolve("ca.pem"));
    Path cert = tls.coreCert.writeChain(directory.resolve("core.pem"));
    Path key = tls.coreCert.writeKey(directory.resolve("core.key"));

    ExternalCommand.Result result =
        ExternalCommand.run(
            directory,
            List.of(
                "curl",
                "-sS",
                "--fail",
                "--cacert",
                ca.toString(),
                "--cert",
                cert.toString(),
                "--key",
                key.toString(),
                url()));

    assertThat(result.exitCode()).as(result.errors()).isZero();
    assertThat(result.output()).contains("node_id").contains("\"node-1\"");
  }

  @Test
  void curlWithoutClientCertificateIsRejected() throws Exception {
    Path ca = tls.ca.writeCertificate(directory.resolve("ca.pem"));

    ExternalCommand.Result result =
        ExternalCommand.run(
            directory, List.of("curl", "-sS", "--fail", "--cacert", ca.toString(), url()));

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output()).doesNotContain("node_id");
    assertThat(serverEvents.events()).isEmpty();
  }
}
