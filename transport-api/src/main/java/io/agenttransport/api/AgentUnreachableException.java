package io.agenttransport.api;

import org.jspecify.annotations.Nullable;

/**
 * The agent could not be reached: connection refused or reset, or connect or handshake timed out.
 */
public class AgentUnreachableException extends TransportException {
  /**
   * Creates the exception.
   *
   * @param message what failed and what to do next
   * @param agent the agent involved, if known
   * @param operation the operation involved, if known
   * @param cause the underlying error, if any
   */
  public AgentUnreachableException(
      String message,
      @Nullable AgentAddress agent,
      @Nullable AgentOperation operation,
      @Nullable Throwable cause) {
    super(where(agent, operation) + message, agent, operation, cause);
  }

  @Override
  public String kind() {
    return "unreachable";
  }
}
