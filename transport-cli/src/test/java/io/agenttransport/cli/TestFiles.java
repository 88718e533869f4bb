package io.agenttransport.cli;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.config.ConfigLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes configuration files for certificates in a folder and starts agents from them. */
final class TestFiles {
  private TestFiles() {}

  /**
   * Writes an agent's file for {@code NAME.pem} and {@code NAME-key.pem} in {@code certs}, on a
   * free loopback port, trusting {@code core.pem} and pinning {@code coreIdentity}.
   */
  static Path agentConfig(Path certs, String name, String coreIdentity) throws IOException {
    Path file = certs.resolve(name + ".yaml");
    Files.writeString(
        file,
        ConfigSnippets.agent(
            "http",
            "127.0.0.1",
            0,
            certs.resolve(name + ".pem"),
            certs.resolve(name + "-key.pem"),
            certs.resolve("ca.pem"),
            coreIdentity,
            certs.resolve("core.pem")));
    return file;
  }

  /** Writes core's file for {@code ca.pem}, {@code core.pem} and {@code core-key.pem}. */
  static Path coreConfig(Path certs, List<AgentAddress> agents) throws IOException {
    Path file = certs.resolve("core.yaml");
    Files.writeString(
        file,
        ConfigSnippets.core(
            "http",
            certs.resolve("ca.pem"),
            certs.resolve("core-key.pem"),
            certs.resolve("core.pem"),
            agents));
    return file;
  }

  /** Starts the reference agent from an agent's file, as the {@code agent} command does. */
  static AgentCommand.RunningAgent startAgent(Path config, String nodeId) {
    return AgentCommand.start(
        ConfigLoader.loadAgent(config), nodeId, new PrintWriter(new StringWriter()));
  }

  /** Returns a loopback address on which nothing listens, for an agent that is down. */
  static AgentAddress closedAddress() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    return new AgentAddress("https", "127.0.0.1", port);
  }
}
