package io.agenttransport.config;

/** The policy by which core keeps connections to agents open between calls. */
public enum ConnectionMode {
  /**
   * Keeps a connection only for a burst of calls to one agent, closing it after a short idle time
   * ({@code client.burst_idle}), so that one sync of an agent's reads shares one handshake. The
   * default.
   */
  BURST,
  /** Keeps connections open for {@code client.pool_idle} after their last call. */
  POOLED,
  /** Opens a new connection for every call. For tests and measurements, never the default. */
  PER_CALL
}
