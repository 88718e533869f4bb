package io.agenttransport.config;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An agent's configuration, loaded from YAML by {@link ConfigLoader#loadAgent}.
 *
 * @param transport {@code transport}: the provider name; {@code http} by default
 * @param server {@code server}: bind address, port, timeouts and limits
 * @param tls {@code tls}: TLS material, or {@code null} for plain text (information only)
 * @param actions {@code actions}: {@code enabled}, {@code disabled} or {@code auto} (default)
 * @param signature {@code signature}: trusted keys and the replay window
 * @param providerOptions {@code options}: options per provider name, passed to that provider
 */
public record AgentConfig(
    String transport,
    ServerSettings server,
    @Nullable AgentTlsConfig tls,
    ActionsMode actions,
    SignatureSettings signature,
    Map<String, Map<String, String>> providerOptions) {
  /** Validates the components and copies the options. */
  public AgentConfig {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(actions, "actions");
    Objects.requireNonNull(signature, "signature");
    providerOptions = Map.copyOf(providerOptions);
  }

  /** Returns the options given for {@code provider}, or an empty map. */
  public Map<String, String> optionsFor(String provider) {
    return providerOptions.getOrDefault(provider, Map.of());
  }
}
