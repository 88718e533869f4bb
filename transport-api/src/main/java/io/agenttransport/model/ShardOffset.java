package io.agenttransport.model;

import java.util.Objects;

/**
 * A shard commit offset or replication lag.
 *
 * @param unit the unit of {@code value}
 * @param value the offset or lag
 */
public record ShardOffset(OffsetUnit unit, long value) {
  /** Validates the components. */
  public ShardOffset {
    Objects.requireNonNull(unit, "unit");
  }
}
