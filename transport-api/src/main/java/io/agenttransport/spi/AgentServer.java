package io.agenttransport.spi;

import io.agenttransport.api.AgentAddress;

/** A running agent server, serving until closed. */
public interface AgentServer extends AutoCloseable {
  /** Returns the address the server is bound to, with the real port when port 0 was asked. */
  AgentAddress boundAddress();

  /** Returns whether the action operations are served, which needs mutual TLS. */
  boolean actionsEnabled();

  /** Stops accepting connections, lets calls in flight finish briefly, then stops. Idempotent. */
  @Override
  void close();
}
