package io.agenttransport.model;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The status of a datastore node as its agent reports it.
 *
 * @param kind the status
 * @param reason why the status is unknown; present only when {@code kind} is {@link Kind#UNKNOWN}
 */
public record NodeStatus(Kind kind, @Nullable String reason) {
  /** The status values of the agent API. */
  public enum Kind {
    /** The datastore cannot be reached by its agent. */
    UNAVAILABLE,
    /** The node is running but is not part of a cluster. */
    NOT_IN_CLUSTER,
    /** The node is joining a cluster. */
    JOINING_CLUSTER,
    /** The node is leaving a cluster. */
    LEAVING_CLUSTER,
    /** The node is in a cluster but unhealthy. */
    UNHEALTHY,
    /** The node is in a cluster and healthy. */
    HEALTHY,
    /**
     * The agent could not determine the status, and {@link NodeStatus#reason()} gives the reason.
     */
    UNKNOWN
  }

  /** Validates that a reason is given exactly for {@link Kind#UNKNOWN}. */
  public NodeStatus {
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.UNKNOWN) != (reason != null)) {
      throw new IllegalArgumentException("a reason is required for UNKNOWN and only for UNKNOWN");
    }
  }

  /** Returns a status other than {@link Kind#UNKNOWN}. */
  public static NodeStatus of(Kind kind) {
    return new NodeStatus(kind, null);
  }

  /** Returns the {@link Kind#UNKNOWN} status with its reason. */
  public static NodeStatus unknown(String reason) {
    return new NodeStatus(Kind.UNKNOWN, Objects.requireNonNull(reason, "reason"));
  }
}
