package io.agenttransport.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The security policy rejected a request: a signature, replay or action-policy check failed, on the
 * agent or before core sent anything.
 */
public class RequestRejectedException extends TransportException {
  private final RejectionReason reason;

  /**
   * Creates the exception.
   *
   * @param reason why the request was rejected
   * @param message details for logs and callers, never containing secrets
   * @param agent the agent involved, if known
   * @param operation the operation involved, if known
   */
  public RequestRejectedException(
      RejectionReason reason,
      String message,
      @Nullable AgentAddress agent,
      @Nullable AgentOperation operation) {
    super(Objects.requireNonNull(reason, "reason") + ": " + message, agent, operation, null);
    this.reason = reason;
  }

  /** Returns why the request was rejected. */
  public RejectionReason reason() {
    return reason;
  }

  @Override
  public String kind() {
    return "rejected";
  }
}
