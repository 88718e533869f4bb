package io.agenttransport.runtime;

import io.agenttransport.api.CallListener;
import io.agenttransport.config.CoreConfig;
import io.agenttransport.registry.TransportRegistry;
import io.agenttransport.security.signature.RequestSigner;
import io.agenttransport.security.tls.ClientTlsMaterial;
import io.agenttransport.spi.ClientTransport;
import io.agenttransport.spi.TransportProvider;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds core's side of the link from its configuration: loads the TLS material and signing key,
 * selects the provider named by the {@code transport} key, and routes each agent address to the
 * provider that claims its scheme.
 */
public final class CoreTransports {
  private static final Logger LOG = LoggerFactory.getLogger(CoreTransports.class);

  private CoreTransports() {}

  /**
   * Creates core's client transport with the system clock.
   *
   * @throws io.agenttransport.config.ConfigException if the transport is unknown or unavailable, or
   *     TLS material or the signing key cannot be loaded
   */
  public static ClientTransport create(
      CoreConfig config, TransportRegistry registry, CallListener listener) {
    return create(config, registry, listener, Clock.systemUTC());
  }

  /**
   * Creates core's client transport. The TLS material and the signing key are loaded now, so that a
   * bad file fails here. Each provider's own client is created on the first {@link
   * ClientTransport#open} of an address it serves.
   *
   * @param clock the clock for signatures and durations
   * @throws io.agenttransport.config.ConfigException if the transport is unknown or unavailable, or
   *     TLS material or the signing key cannot be loaded
   */
  public static ClientTransport create(
      CoreConfig config, TransportRegistry registry, CallListener listener, Clock clock) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(clock, "clock");

    TransportProvider selected = registry.select(config.transport());

    ClientTlsMaterial tls =
        config.tls() == null ? null : ClientTlsMaterial.load(config.tls(), config.client());

    RequestSigner signer =
        config.signing() == null ? null : RequestSigner.fromConfig(config, clock);

    LOG.info(
        "Core transport {} ready: TLS {}, signing {}",
        selected.name(),
        tls == null ? "off (plain text, information calls only)" : "on (mutual)",
        signer == null ? "off (actions are refused)" : "with key id " + signer.keyId());
    return new RoutingClientTransport(
        config, registry, selected.name(), tls, signer, clock, listener);
  }
}
