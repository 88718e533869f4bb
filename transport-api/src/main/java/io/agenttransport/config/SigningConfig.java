package io.agenttransport.config;

import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Core's message signing key.
 *
 * @param keyId {@code key_id}: the key id agents know core's key by
 * @param key {@code key}: a PEM private key, or {@code null} to sign with {@code tls.client_key}
 * @param keyPassword {@code key_password} or {@code key_password_env}: the password of an encrypted
 *     key, or {@code null}
 */
public record SigningConfig(String keyId, @Nullable Path key, @Nullable Secret keyPassword) {
  /** Validates the components. */
  public SigningConfig {
    Objects.requireNonNull(keyId, "keyId");
  }
}
