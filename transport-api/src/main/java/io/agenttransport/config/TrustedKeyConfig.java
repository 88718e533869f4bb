package io.agenttransport.config;

import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One of core's signing keys that an agent trusts, an entry of {@code signature.trusted_keys}.
 *
 * @param keyId {@code key_id}: the key id core signs with
 * @param path {@code certificate} or {@code public_key}: a PEM certificate or public key
 * @param algorithm {@code algorithm}: the pinned algorithm name such as {@code ed25519}, or {@code
 *     null} to pin the one that follows from the key type
 */
public record TrustedKeyConfig(String keyId, Path path, @Nullable String algorithm) {
  /** Validates the components. */
  public TrustedKeyConfig {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(path, "path");
  }
}
