package io.agenttransport.spi;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentChannel;

/**
 * Core's side of a transport: opens agent channels that share its threads, connections and TLS
 * state. Thread safe.
 */
public interface ClientTransport extends AutoCloseable {
  /**
   * Opens a channel to the agent at {@code address}. Opening does not connect.
   *
   * @throws IllegalArgumentException if the address scheme is not one this transport serves
   * @throws io.agenttransport.api.ChannelClosedException if the transport is closed
   */
  AgentChannel open(AgentAddress address);

  /** Closes every channel and releases threads and connections. Idempotent. */
  @Override
  void close();
}
