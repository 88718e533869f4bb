package io.agenttransport.model;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The role of a shard on a node.
 *
 * @param kind the role
 * @param other the role's name when {@code kind} is {@link Kind#OTHER}
 */
public record ShardRole(Kind kind, @Nullable String other) {
  /** The roles of the agent API; JSON writes them as {@code Primary} and so on. */
  public enum Kind {
    /** The shard accepts writes. */
    PRIMARY,
    /** The shard replicates from a primary. */
    SECONDARY,
    /** The shard is recovering. */
    RECOVERING,
    /** A role that the agent API does not name; {@link ShardRole#other()} names it. */
    OTHER
  }

  /** Validates that a name is given exactly for {@link Kind#OTHER}. */
  public ShardRole {
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.OTHER) != (other != null)) {
      throw new IllegalArgumentException("a name is required for OTHER and only for OTHER");
    }
  }

  /** Returns a role other than {@link Kind#OTHER}. */
  public static ShardRole of(Kind kind) {
    return new ShardRole(kind, null);
  }

  /** Returns an {@link Kind#OTHER} role with its name. */
  public static ShardRole other(String name) {
    return new ShardRole(Kind.OTHER, Objects.requireNonNull(name, "name"));
  }
}
