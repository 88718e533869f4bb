package io.agenttransport.config;

import java.util.List;
import java.util.Objects;

/**
 * How an agent verifies core's signatures, the {@code signature} section of an agent's file.
 *
 * @param trustedKeys {@code trusted_keys}: core's keys; several at once allow key rotation
 * @param replay the replay window and nonce cache
 * @param requireAllSigned {@code require_all_signed}: whether read requests must be signed too
 * @param authorities {@code authorities}: the {@code host:port} values a request may be signed for;
 *     empty means the bound address and the names in the agent's certificate
 */
public record SignatureSettings(
    List<TrustedKeyConfig> trustedKeys,
    ReplaySettings replay,
    boolean requireAllSigned,
    List<String> authorities) {
  /** Validates the components and copies the lists. */
  public SignatureSettings {
    trustedKeys = List.copyOf(trustedKeys);
    Objects.requireNonNull(replay, "replay");
    authorities = List.copyOf(authorities);
  }
}
