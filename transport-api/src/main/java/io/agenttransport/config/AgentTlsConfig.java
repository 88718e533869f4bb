package io.agenttransport.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An agent's TLS material, the {@code tls} section of an agent's file.
 *
 * @param cert {@code cert}: the agent's certificate chain, or {@code null} if in {@code key}
 * @param key {@code key}: the agent's private key, optionally followed by its chain
 * @param keyPassword {@code key_password} or {@code key_password_env}, or {@code null}
 * @param clientCaBundle {@code client_ca_bundle}: CAs that signed core's certificate; without it
 *     clients are not authenticated and actions are off
 * @param coreIdentities {@code core_identity}: the identities accepted as core, one or a list
 */
public record AgentTlsConfig(
    @Nullable Path cert,
    Path key,
    @Nullable Secret keyPassword,
    @Nullable Path clientCaBundle,
    List<PeerIdentity> coreIdentities) {
  /** Validates the components. */
  public AgentTlsConfig {
    Objects.requireNonNull(key, "key");
    coreIdentities = List.copyOf(coreIdentities);
  }

  /** Returns whether client certificates are required, which actions need. */
  public boolean clientAuthRequired() {
    return clientCaBundle != null;
  }
}
