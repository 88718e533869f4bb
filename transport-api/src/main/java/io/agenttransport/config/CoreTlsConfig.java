package io.agenttransport.config;

import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Core's TLS material. In YAML it is the {@code tls} section of core's file, kept on its own so
 * that it can later move to per-namespace settings.
 *
 * @param caBundle {@code ca_bundle}: one or more CAs that signed the agents' certificates
 * @param clientKey {@code client_key}: core's private key, optionally followed by its chain
 * @param clientCert {@code client_cert}: core's certificate chain when not in {@code client_key}
 * @param keyPassword {@code key_password} or {@code key_password_env}: the password of an encrypted
 *     PKCS#8 key
 */
public record CoreTlsConfig(
    Path caBundle, Path clientKey, @Nullable Path clientCert, @Nullable Secret keyPassword) {
  /** Validates the components. */
  public CoreTlsConfig {
    Objects.requireNonNull(caBundle, "caBundle");
    Objects.requireNonNull(clientKey, "clientKey");
  }
}
