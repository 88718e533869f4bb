package io.agenttransport.api;

import org.jspecify.annotations.Nullable;

/** The call's deadline passed before the agent answered. */
public class CallTimeoutException extends TransportException {
  /**
   * Creates the exception.
   *
   * @param message what failed and what to do next
   * @param agent the agent involved, if known
   * @param operation the operation involved, if known
   * @param cause the underlying error, if any
   */
  public CallTimeoutException(
      String message,
      @Nullable AgentAddress agent,
      @Nullable AgentOperation operation,
      @Nullable Throwable cause) {
    super(where(agent, operation) + message, agent, operation, cause);
  }

  @Override
  public String kind() {
    return "timed-out";
  }
}
