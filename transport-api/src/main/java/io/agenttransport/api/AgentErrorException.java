package io.agenttransport.api;

import io.agenttransport.model.ErrorBody;
import org.jspecify.annotations.Nullable;

/**
 * The agent answered with an error status; the status and the error body are kept.
 *
 * <p>Agent implementations throw it too, to send a given status and body to core.
 */
public class AgentErrorException extends TransportException {
  private final int status;
  private final @Nullable ErrorBody body;

  /**
   * Creates the exception.
   *
   * @param status the HTTP status, or its equivalent on other transports
   * @param body the decoded error body, if the agent sent one
   * @param agent the agent involved, if known
   * @param operation the operation involved, if known
   */
  public AgentErrorException(
      int status,
      @Nullable ErrorBody body,
      @Nullable AgentAddress agent,
      @Nullable AgentOperation operation) {
    super(
        where(agent, operation)
            + "agent returned status "
            + status
            + (body == null ? "" : ": " + body.message()),
        agent,
        operation,
        null);
    this.status = status;
    this.body = body;
  }

  /** Returns an error with status 400 and {@code message} as its body, for invalid input. */
  public static AgentErrorException badRequest(String message) {
    return new AgentErrorException(400, ErrorBody.of(message), null, null);
  }

  /** Returns the status: 400 for invalid input, 5xx for failures on the agent. */
  public int status() {
    return status;
  }

  /** Returns the error body, if the agent sent one. */
  public @Nullable ErrorBody body() {
    return body;
  }

  @Override
  public String kind() {
    return "agent-error";
  }
}
