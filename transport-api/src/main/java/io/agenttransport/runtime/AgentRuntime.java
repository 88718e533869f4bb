package io.agenttransport.runtime;

import io.agenttransport.api.Agent;
import io.agenttransport.api.CallListener;
import io.agenttransport.config.AgentConfig;
import io.agenttransport.registry.TransportRegistry;
import io.agenttransport.spi.AgentServer;

/**
 * Starts an agent server from an agent's configuration: loads the TLS material, builds the request
 * guard, selects the provider and logs the bound address, the TLS state and whether actions are
 * enabled and why.
 */
public final class AgentRuntime {
  // TODO: implement (api work in progress)

  private AgentRuntime() {}

  /**
   * Starts serving {@code agent}.
   *
   * @throws io.agenttransport.config.ConfigException if the configuration cannot be used, such as
   *     actions enabled without TLS with client authentication
   */
  public static AgentServer start(
      AgentConfig config, Agent agent, TransportRegistry registry, CallListener listener) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
