package io.agenttransport.api;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Options for one call on an {@link AgentChannel}.
 *
 * @param deadline the longest the whole call may take, or {@code null} for the transport's
 *     configured call timeout; when both are set the shorter wins
 */
public record CallOptions(@Nullable Duration deadline) {
  private static final CallOptions DEFAULTS = new CallOptions(null);

  /** Validates that the deadline is positive. */
  public CallOptions {
    if (deadline != null && (deadline.isNegative() || deadline.isZero())) {
      throw new IllegalArgumentException("invalid deadline " + deadline + ": expected > 0");
    }
  }

  /** Returns options that use the transport's configured timeouts. */
  public static CallOptions defaults() {
    return DEFAULTS;
  }

  /** Returns options with the given deadline. */
  public static CallOptions withDeadline(Duration deadline) {
    return new CallOptions(Objects.requireNonNull(deadline, "deadline"));
  }

  /** Returns the shorter of this call's deadline and {@code configured}. */
  public Duration effectiveDeadline(Duration configured) {
    Objects.requireNonNull(configured, "configured");
    if (deadline == null) {
      return configured;
    }
    return deadline.compareTo(configured) < 0 ? deadline : configured;
  }
}
