package io.agenttransport.grpc;

import io.agenttransport.config.ConfigException;
import io.agenttransport.config.Durations;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The options of the gRPC transport, read from the {@code options.grpc} section of the
 * configuration.
 *
 * <p>Keys: {@code keepalive_time} (how long a connection is idle before core sends an HTTP/2 PING,
 * default {@code 1m}), {@code keepalive_timeout} (how long core waits for the PING's
 * acknowledgement before it closes the connection, default {@code 10s}). The agent accepts PINGs no
 * more often than {@code keepalive_time} allows, so both ends should use the same value.
 *
 * @param keepAliveTime the idle time before a keep-alive PING
 * @param keepAliveTimeout the longest wait for a PING's answer
 */
@Experimental
public record GrpcTransportOptions(Duration keepAliveTime, Duration keepAliveTimeout) {
  /** The option key of {@link #keepAliveTime()}. */
  public static final String KEEPALIVE_TIME = "keepalive_time";

  /** The option key of {@link #keepAliveTimeout()}. */
  public static final String KEEPALIVE_TIMEOUT = "keepalive_timeout";

  /** The defaults: PING after 1 minute idle, wait 10 seconds for the acknowledgement. */
  public static final GrpcTransportOptions DEFAULTS =
      new GrpcTransportOptions(Duration.ofMinutes(1), Duration.ofSeconds(10));

  private static final Set<String> KEYS = Set.of(KEEPALIVE_TIME, KEEPALIVE_TIMEOUT);

  /** Validates that both durations are positive. */
  public GrpcTransportOptions {
    requirePositive(KEEPALIVE_TIME, keepAliveTime);
    requirePositive(KEEPALIVE_TIMEOUT, keepAliveTimeout);
  }

  /**
   * Reads the options from the provider's option map. Missing keys keep their defaults.
   *
   * @throws ConfigException naming the key if a key is unknown or a value is not a duration
   */
  public static GrpcTransportOptions parse(Map<String, String> options) {
    Objects.requireNonNull(options, "options");
    for (String key : options.keySet()) {
      if (!KEYS.contains(key)) {
        throw new ConfigException(
            "options.grpc." + key, "unknown option: expected one of " + new TreeSet<>(KEYS));
      }
    }
    return new GrpcTransportOptions(
        duration(options, KEEPALIVE_TIME, DEFAULTS.keepAliveTime),
        duration(options, KEEPALIVE_TIMEOUT, DEFAULTS.keepAliveTimeout));
  }

  private static Duration duration(Map<String, String> options, String key, Duration fallback) {
    String text = options.get(key);
    return text == null ? fallback : Durations.parse("options.grpc." + key, text);
  }

  private static void requirePositive(String key, Duration value) {
    Objects.requireNonNull(value, key);
    if (value.isNegative() || value.isZero()) {
      throw new ConfigException(
          "options.grpc." + key, "invalid duration " + value + ": expected more than zero");
    }
  }
}
