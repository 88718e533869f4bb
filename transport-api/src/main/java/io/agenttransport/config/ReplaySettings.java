package io.agenttransport.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The window in which a signature is accepted, and the nonce cache that enforces single use.
 *
 * @param maxAge {@code max_age}: how old {@code created} may be; default 60 s
 * @param clockSkew {@code clock_skew}: how far in the future {@code created} may be; default 10 s
 * @param maxValidity {@code max_validity}: the longest {@code expires - created}; default 5 min
 * @param nonceCacheSize {@code nonce_cache_size}: nonces kept at once; when full, new requests are
 *     rejected; default 100,000
 */
public record ReplaySettings(
    Duration maxAge, Duration clockSkew, Duration maxValidity, int nonceCacheSize) {
  /** The defaults. */
  public static final ReplaySettings DEFAULTS =
      new ReplaySettings(
          Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofMinutes(5), 100_000);

  /** Validates the components. */
  public ReplaySettings {
    Objects.requireNonNull(maxAge, "maxAge");
    Objects.requireNonNull(clockSkew, "clockSkew");
    Objects.requireNonNull(maxValidity, "maxValidity");
    if (nonceCacheSize < 1) {
      throw new IllegalArgumentException("nonceCacheSize must be at least 1");
    }
  }
}
