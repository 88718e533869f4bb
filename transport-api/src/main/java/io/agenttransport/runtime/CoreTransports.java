package io.agenttransport.runtime;

import io.agenttransport.api.CallListener;
import io.agenttransport.config.CoreConfig;
import io.agenttransport.registry.TransportRegistry;
import io.agenttransport.spi.ClientTransport;

/**
 * Builds core's side of the link from its configuration: loads the TLS material and signing key,
 * selects the provider named by the {@code transport} key, and routes each agent address to the
 * provider that claims its scheme.
 */
public final class CoreTransports {
  // TODO: implement (api work in progress)

  private CoreTransports() {}

  /**
   * Creates core's client transport.
   *
   * @throws io.agenttransport.config.ConfigException if the transport is unknown or unavailable, or
   *     TLS material or the signing key cannot be loaded
   */
  public static ClientTransport create(
      CoreConfig config, TransportRegistry registry, CallListener listener) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
