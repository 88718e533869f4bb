package io.agenttransport.spi;

import io.agenttransport.api.Agent;
import java.util.Set;

/**
 * A transport implementation, found with {@link java.util.ServiceLoader}.
 *
 * <p>Implementations have a public no-argument constructor that does no work beyond setting fields,
 * and are listed in {@code META-INF/services/io.agenttransport.spi.TransportProvider} (and with
 * {@code provides} in {@code module-info} where modules are used). A provider never enforces the
 * security policy by itself: it hands what it saw to the {@link
 * io.agenttransport.security.RequestGuard} in its {@link ServerContext} and uses the TLS material
 * the framework built.
 */
public interface TransportProvider {
  /**
   * Returns the stable name that core's {@code transport} key selects, such as {@code http}. Lower
   * case letters, digits and dashes.
   */
  String name();

  /** Returns the agent address schemes this provider serves, such as {@code https}. */
  Set<String> schemes();

  /**
   * Returns whether the provider can run here and, if not, why. Never throws: a provider that
   * misses a dependency reports it here.
   */
  Availability availability();

  /** Returns the optional capabilities the provider supports. */
  Set<TransportCapability> capabilities();

  /**
   * Creates core's side of the transport. The result is shared by all agent channels opened from
   * it.
   *
   * @throws io.agenttransport.config.ConfigException if the context contains options it cannot use
   */
  ClientTransport createClient(ClientContext context);

  /**
   * Starts serving {@code agent} and returns once the server is bound.
   *
   * @throws io.agenttransport.config.ConfigException if the context contains options it cannot use
   * @throws java.io.UncheckedIOException if the address cannot be bound
   */
  AgentServer startServer(ServerContext context, Agent agent);
}
