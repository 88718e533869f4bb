package io.agenttransport.api;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One finished call, as reported to a {@link CallListener}.
 *
 * @param side whether core made the call or an agent served it
 * @param operation the operation
 * @param agent the agent's address (on the agent side, its bound address)
 * @param transport the provider name, such as {@code http}
 * @param duration how long the call took
 * @param outcome {@code ok}, or the {@link TransportException#kind()} of the failure
 * @param rejection the rejection reason when the policy rejected the call
 */
public record CallEvent(
    Side side,
    AgentOperation operation,
    AgentAddress agent,
    String transport,
    Duration duration,
    String outcome,
    @Nullable RejectionReason rejection) {
  /** Which end of the link reports the event. */
  public enum Side {
    /** Core, the client. */
    CLIENT,
    /** An agent, the server. */
    SERVER
  }

  /** The outcome of a successful call. */
  public static final String OK = "ok";

  /** Validates the components. */
  public CallEvent {
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(outcome, "outcome");
  }

  /** Returns whether the call succeeded. */
  public boolean succeeded() {
    return OK.equals(outcome);
  }
}
