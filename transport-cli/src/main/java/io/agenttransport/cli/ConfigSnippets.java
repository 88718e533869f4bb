package io.agenttransport.cli;

import io.agenttransport.api.AgentAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the YAML of core's and an agent's configuration for certificates made by {@code certs}, as
 * printed by {@code certs} and used by the demo.
 */
public final class ConfigSnippets {
  /** The key id core signs with, and agents trust core's certificate under. */
  public static final String CORE_KEY_ID = "core";

  private ConfigSnippets() {}

  /**
   * Returns core's configuration: mutual TLS with {@code caBundle}, {@code clientKey} and {@code
   * clientCert}, requests signed with the same key, and the agents to talk to.
   */
  public static String core(
      String transport, Path caBundle, Path clientKey, Path clientCert, List<AgentAddress> agents) {
    StringBuilder yaml = new StringBuilder();
    yaml.append("transport: ").append(quote(transport)).append('\n');
    yaml.append("tls:\n");
    yaml.append("  ca_bundle: ").append(quote(caBundle)).append('\n');
    yaml.append("  client_key: ").append(quote(clientKey)).append('\n');
    yaml.append("  client_cert: ").append(quote(clientCert)).append('\n');
    yaml.append("signing:\n");
    yaml.append("  # Without 'key', core signs with tls.client_key.\n");
    yaml.append("  key_id: ").append(quote(CORE_KEY_ID)).append('\n');
    yaml.append("agents:\n");
    for (AgentAddress agent : agents) {
      yaml.append("  - ").append(quote(agent.toString())).append('\n');
    }
    return yaml.toString();
  }

  /**
   * Returns an agent's configuration: mutual TLS with the agent's certificate and key, core's
   * pinned identity, actions enabled and core's certificate trusted for signatures.
   */
  public static String agent(
      String transport,
      String bindHost,
      int port,
      Path cert,
      Path key,
      Path clientCaBundle,
      String coreIdentity,
      Path coreCert) {
    StringBuilder yaml = new StringBuilder();
    yaml.append("transport: ").append(quote(transport)).append('\n');
    yaml.append("server:\n");
    yaml.append("  bind: ").append(quote(bindHost)).append('\n');
    yaml.append("  port: ").append(port).append('\n');
    yaml.append("tls:\n");
    yaml.append("  cert: ").append(quote(cert)).append('\n');
    yaml.append("  key: ").append(quote(key)).append('\n');
    yaml.append("  client_ca_bundle: ").append(quote(clientCaBundle)).append('\n');
    yaml.append("  core_identity: ").append(quote(coreIdentity)).append('\n');
    yaml.append("actions: enabled\n");
    yaml.append("signature:\n");
    yaml.append("  trusted_keys:\n");
    yaml.append("    - key_id: ").append(quote(CORE_KEY_ID)).append('\n');
    yaml.append("      certificate: ").append(quote(coreCert)).append('\n');
    return yaml.toString();
  }

  private static String quote(Path path) {
    return quote(path.toAbsolutePath().normalize().toString());
  }

  /** Returns a single-quoted YAML scalar, in which only a quote needs escaping (doubled). */
  public static String quote(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
