package io.agenttransport.http.internal;

import io.agenttransport.config.ConfigException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code options.http} section of core's or an agent's configuration: integer options with
 * defaults, and a clear error for an unknown key or an invalid value.
 */
final class ProviderOptions {
  private static final String PREFIX = "options." + HttpWire.TRANSPORT_NAME + ".";

  private final Map<String, String> values;

  private ProviderOptions(Map<String, String> values) {
    this.values = values;
  }

  /**
   * Returns the options after checking that every key is one of {@code known}.
   *
   * @throws ConfigException naming the first unknown key and the known ones
   */
  static ProviderOptions of(Map<String, String> values, Set<String> known) {
    for (String key : new TreeSet<>(values.keySet())) {
      if (!known.contains(key)) {
        throw new ConfigException(
            PREFIX + key, "unknown option; expected one of " + new TreeSet<>(known));
      }
    }
    return new ProviderOptions(values);
  }

  /**
   * Returns the positive integer option {@code key}, or {@code defaultValue} when it is not set.
   *
   * @throws ConfigException if the value is not a positive integer
   */
  int positiveInt(String key, int defaultValue) {
    String text = values.get(key);
    if (text == null) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(text.trim());
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // Reported below with the value seen.
    }
    throw new ConfigException(
        PREFIX + key, "invalid value '" + text + "': expected a positive integer");
  }
}
