package io.agenttransport.model;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One shard on a node.
 *
 * @param id the shard id
 * @param role the shard's role on this node
 * @param commitOffset the last committed offset, if known
 * @param lag the replication lag, if known
 * @param unknownFields fields this version does not know, kept so that nothing is lost on re-encode
 */
public record ShardInfo(
    String id,
    ShardRole role,
    @Nullable ShardOffset commitOffset,
    @Nullable ShardOffset lag,
    Map<String, JsonValue> unknownFields) {
  /** Validates the components. */
  public ShardInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(role, "role");
    unknownFields = Maps.copyOrdered(unknownFields, "unknownFields");
  }
}
