package io.agenttransport.config;

import io.agenttransport.api.AgentAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Core's configuration, loaded from YAML by {@link ConfigLoader#loadCore}.
 *
 * @param transport {@code transport}: the provider name; {@code http} by default
 * @param tls {@code tls}: TLS material, or {@code null} for plain-text information calls only
 * @param signing {@code signing}: the signing key, or {@code null} to send no actions
 * @param client {@code client}: timeouts, connection mode and limits
 * @param agents {@code agents}: the agents' addresses
 * @param providerOptions {@code options}: options per provider name, passed to that provider
 */
public record CoreConfig(
    String transport,
    @Nullable CoreTlsConfig tls,
    @Nullable SigningConfig signing,
    ClientSettings client,
    List<AgentAddress> agents,
    Map<String, Map<String, String>> providerOptions) {
  /** The transport selected when the {@code transport} key is not set. */
  public static final String DEFAULT_TRANSPORT = "http";

  /** Validates the components and copies the collections. */
  public CoreConfig {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(client, "client");
    agents = List.copyOf(agents);
    providerOptions = Map.copyOf(providerOptions);
  }

  /** Returns the options given for {@code provider}, or an empty map. */
  public Map<String, String> optionsFor(String provider) {
    return providerOptions.getOrDefault(provider, Map.of());
  }
}
