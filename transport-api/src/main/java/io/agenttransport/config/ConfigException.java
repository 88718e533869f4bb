package io.agenttransport.config;

import org.jspecify.annotations.Nullable;

/**
 * A configuration value is missing or invalid. The message names the key, the value seen (never a
 * secret) and what is expected.
 */
public class ConfigException extends RuntimeException {
  private final String key;

  /**
   * Creates the exception.
   *
   * @param key the configuration key, as a dotted path such as {@code tls.ca_bundle}
   * @param message what is wrong with the value and what is expected
   * @param cause the underlying error, if any
   */
  public ConfigException(String key, String message, @Nullable Throwable cause) {
    super(key + ": " + message, cause);
    this.key = key;
  }

  /** Creates the exception without a cause. */
  public ConfigException(String key, String message) {
    this(key, message, null);
  }

  /** Returns the dotted configuration key that is missing or invalid. */
  public String key() {
    return key;
  }
}
