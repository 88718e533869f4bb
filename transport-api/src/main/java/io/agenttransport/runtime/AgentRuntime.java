package io.agenttransport.runtime;

import io.agenttransport.api.Agent;
import io.agenttransport.api.CallListener;
import io.agenttransport.config.AgentConfig;
import io.agenttransport.registry.TransportRegistry;
import io.agenttransport.security.RequestGuard;
import io.agenttransport.security.tls.ServerTlsMaterial;
import io.agenttransport.spi.AgentServer;
import io.agenttransport.spi.ServerContext;
import io.agenttransport.spi.TransportProvider;
import java.time.Clock;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts an agent server from an agent's configuration: loads the TLS material, builds the request
 * guard, selects the provider and logs the bound address, the TLS state and whether actions are
 * enabled and why.
 */
public final class AgentRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(AgentRuntime.class);

  private AgentRuntime() {}

  /**
   * Starts serving {@code agent} with the system clock.
   *
   * @throws io.agenttransport.config.ConfigException if the configuration cannot be used, such as
   *     actions enabled without TLS with client authentication
   */
  public static AgentServer start(
      AgentConfig config, Agent agent, TransportRegistry registry, CallListener listener) {
    return start(config, agent, registry, listener, Clock.systemUTC());
  }

  /**
   * Starts serving {@code agent}, returning once the server is bound.
   *
   * @param clock the clock for signature checks and durations
   * @throws io.agenttransport.config.ConfigException if the configuration cannot be used, such as
   *     actions enabled without TLS with client authentication
   * @throws java.io.UncheckedIOException if the address cannot be bound
   */
  public static AgentServer start(
      AgentConfig config,
      Agent agent,
      TransportRegistry registry,
      CallListener listener,
      Clock clock) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(clock, "clock");

    TransportProvider provider = registry.select(config.transport());

    ServerTlsMaterial tls =
        config.tls() == null ? null : ServerTlsMaterial.load(config.tls(), config.server());

    RequestGuard guard = RequestGuard.forAgent(config, tls, clock);

    ServerContext context =
        new ServerContext(
            config.server(), tls, guard, config.optionsFor(provider.name()), clock, listener);
    AgentServer server = provider.startServer(context, agent);

    LOG.info(
        "Agent serving at {} with transport {} over {}. {}",
        server.boundAddress(),
        provider.name(),
        tlsState(tls),
        guard.actionsReason());
    return server;
  }

  private static String tlsState(@Nullable ServerTlsMaterial tls) {
    if (tls == null) {
      return "plain text, no TLS";
    }
    return tls.clientAuthRequired() ? "mutual TLS" : "TLS without client certificates";
  }
}
