package io.agenttransport.api;

import org.jspecify.annotations.Nullable;

/** The TLS handshake failed or a peer's identity was not the one expected. */
public class AuthenticationFailedException extends TransportException {
  /**
   * Creates the exception.
   *
   * @param message what failed and what to do next
   * @param agent the agent involved, if known
   * @param operation the operation involved, if known
   * @param cause the underlying error, if any
   */
  public AuthenticationFailedException(
      String message,
      @Nullable AgentAddress agent,
      @Nullable AgentOperation operation,
      @Nullable Throwable cause) {
    super(where(agent, operation) + message, agent, operation, cause);
  }

  @Override
  public String kind() {
    return "authentication-failed";
  }
}
