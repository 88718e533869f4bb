package io.agenttransport.model;

import java.util.List;

/**
 * The shards on a node, as returned by {@code GET /api/unstable/info/shards}.
 *
 * @param shards the shards
 */
public record ShardList(List<ShardInfo> shards) {
  /** Copies the list. */
  public ShardList {
    shards = Maps.copyList(shards, "shards");
  }
}
