package io.agenttransport.api;

import org.jspecify.annotations.Nullable;

/** The peer sent something that does not follow the agent API, such as a malformed body. */
public class ProtocolException extends TransportException {
  /**
   * Creates the exception.
   *
   * @param message what failed and what to do next
   * @param agent the agent involved, if known
   * @param operation the operation involved, if known
   * @param cause the underlying error, if any
   */
  public ProtocolException(
      String message,
      @Nullable AgentAddress agent,
      @Nullable AgentOperation operation,
      @Nullable Throwable cause) {
    super(where(agent, operation) + message, agent, operation, cause);
  }

  @Override
  public String kind() {
    return "protocol-error";
  }
}
