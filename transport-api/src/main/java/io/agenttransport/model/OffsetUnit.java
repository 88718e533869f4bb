package io.agenttransport.model;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The unit of a shard offset or lag.
 *
 * @param kind the unit
 * @param custom the unit's name when {@code kind} is {@link Kind#CUSTOM}
 */
public record OffsetUnit(Kind kind, @Nullable String custom) {
  /** The units of the agent API. */
  public enum Kind {
    /** Seconds, written {@code seconds}. */
    SECONDS,
    /** Milliseconds, written {@code milliseconds}. */
    MILLISECONDS,
    /** A datastore-specific unit, written {@code {"unit": name}}. */
    CUSTOM
  }

  /** Validates that a name is given exactly for {@link Kind#CUSTOM}. */
  public OffsetUnit {
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.CUSTOM) != (custom != null)) {
      throw new IllegalArgumentException("a name is required for CUSTOM and only for CUSTOM");
    }
  }

  /** Returns a standard unit. */
  public static OffsetUnit of(Kind kind) {
    return new OffsetUnit(kind, null);
  }

  /** Returns a custom unit. */
  public static OffsetUnit custom(String name) {
    return new OffsetUnit(Kind.CUSTOM, Objects.requireNonNull(name, "name"));
  }
}
