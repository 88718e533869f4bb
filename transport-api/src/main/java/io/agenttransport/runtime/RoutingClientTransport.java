package io.agenttransport.runtime;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentChannel;
import io.agenttransport.api.CallListener;
import io.agenttransport.api.ChannelClosedException;
import io.agenttransport.config.CoreConfig;
import io.agenttransport.registry.TransportRegistry;
import io.agenttransport.security.signature.RequestSigner;
import io.agenttransport.security.tls.ClientTlsMaterial;
import io.agenttransport.spi.ClientContext;
import io.agenttransport.spi.ClientTransport;
import io.agenttransport.spi.TransportProvider;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Core's client transport that hands each agent address to the provider serving its scheme,
 * creating one client per provider on first use. Thread safe.
 */
final class RoutingClientTransport implements ClientTransport {
  private static final Logger LOG = LoggerFactory.getLogger(RoutingClientTransport.class);

  private final CoreConfig config;
  private final TransportRegistry registry;
  private final String selected;
  private final @Nullable ClientTlsMaterial tls;
  private final @Nullable RequestSigner signer;
  private final Clock clock;
  private final CallListener listener;
  private final Map<String, ClientTransport> clients = new LinkedHashMap<>();
  private boolean closed;

  RoutingClientTransport(
      CoreConfig config,
      TransportRegistry registry,
      String selected,
      @Nullable ClientTlsMaterial tls,
      @Nullable RequestSigner signer,
      Clock clock,
      CallListener listener) {
    this.config = config;
    this.registry = registry;
    this.selected = selected;
    this.tls = tls;
    this.signer = signer;
    this.clock = clock;
    this.listener = listener;
  }

  @Override
  public AgentChannel open(AgentAddress address) {
    Objects.requireNonNull(address, "address");
    TransportProvider provider =
        registry
            .forScheme(address.scheme(), selected)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no available transport serves scheme '"
                            + address.scheme()
                            + "' of agent address "
                            + address
                            + ": expected one of "
                            + registry.schemes()));
    return client(provider, address).open(address);
  }

  private synchronized ClientTransport client(TransportProvider provider, AgentAddress address) {
    if (closed) {
      throw new ChannelClosedException("the client transport is closed", address, null, null);
    }
    return clients.computeIfAbsent(provider.name(), name -> create(provider));
  }

  private ClientTransport create(TransportProvider provider) {
    LOG.debug("Creating the {} client transport", provider.name());
    ClientContext context =
        new ClientContext(
            config.client(), tls, signer, config.optionsFor(provider.name()), clock, listener);
    return provider.createClient(context);
  }

  /** Returns the client created for provider {@code name}, or {@code null} before its first use. */
  synchronized @Nullable ClientTransport clientFor(String name) {
    return clients.get(name);
  }

  @Override
  public void close() {
    List<Map.Entry<String, ClientTransport>> toClose;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = new ArrayList<>(clients.entrySet());
      clients.clear();
    }
    for (Map.Entry<String, ClientTransport> entry : toClose) {
      try {
        entry.getValue().close();
      } catch (RuntimeException e) {
        LOG.warn("Closing the {} client transport failed", entry.getKey(), e);
      }
    }
  }
}
