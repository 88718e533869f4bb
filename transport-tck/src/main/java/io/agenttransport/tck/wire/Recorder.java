package io.agenttransport.tck.wire;

import io.agenttransport.api.AgentAddress;
import java.time.Duration;

/**
 * A stand-in agent that records each request core sends it and responds with an error, so that the
 * request can be resent to a real agent.
 */
public interface Recorder extends AutoCloseable {
  /** Returns the address core should call, with the provider's secure scheme. */
  AgentAddress address();

  /**
   * Returns the next request received, waiting up to {@code timeout}.
   *
   * @throws AssertionError if none arrives in time
   */
  CapturedRequest awaitRequest(Duration timeout);

  /** Returns the number of requests received so far. */
  int requestCount();

  /** Stops listening. Idempotent. */
  @Override
  void close();
}
