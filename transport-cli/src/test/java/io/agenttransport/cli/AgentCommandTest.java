package io.agenttransport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agenttransport.config.ConfigLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentCommandTest {
  @TempDir Path dir;

  @Test
  void plainAgentPrintsActionsOff() throws IOException {
    Path config = dir.resolve("agent.yaml");
    Files.writeString(config, "transport: http\nserver:\n  bind: 127.0.0.1\n  port: 0\n");
    StringWriter out = new StringWriter();

    try (AgentCommand.RunningAgent agent =
        AgentCommand.start(ConfigLoader.loadAgent(config), "node-1", new PrintWriter(out))) {
      assertThat(out.toString())
          .contains(
              "agent node-1 serving " + agent.server().boundAddress() + " with transport http");
      assertThat(out.toString()).contains("plain text (no tls section)");
      assertThat(out.toString())
          .contains("actions disabled (actions: auto needs TLS with tls.client_ca_bundle)");
    }
  }

  @Test
  void mutualTlsAgentPrintsActionsOn() throws IOException {
    CliRun certs = CliRun.of("certs", "--out", dir.toString());
    assertThat(certs.exitCode()).as(certs.err()).isZero();
    Path config = TestFiles.agentConfig(dir, "agent", "URI:spiffe://agent-transport/core");
    StringWriter out = new StringWriter();

    try (AgentCommand.RunningAgent agent =
        AgentCommand.start(ConfigLoader.loadAgent(config), "node-1", new PrintWriter(out))) {
      assertThat(agent.server().boundAddress().scheme()).isEqualTo("https");
      assertThat(out.toString()).contains("TLS with client authentication");
      assertThat(out.toString()).contains("actions enabled (actions: enabled and mutual TLS)");
    }
  }
}
