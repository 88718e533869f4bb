package io.agenttransport.config;

import java.nio.file.Path;

/** Loads core and agent configuration from YAML files with Jackson, validating every value. */
public final class ConfigLoader {
  // TODO: implement (api work in progress)

  private ConfigLoader() {}

  /**
   * Loads core's configuration.
   *
   * @throws ConfigException naming the key, the value and what is expected
   */
  public static CoreConfig loadCore(Path file) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * Loads an agent's configuration.
   *
   * @throws ConfigException naming the key, the value and what is expected
   */
  public static AgentConfig loadAgent(Path file) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
