package io.agenttransport.model;

import java.util.Map;
import java.util.Objects;

/**
 * The information an agent reports about its datastore, as returned by {@code GET
 * /api/unstable/info/store}.
 *
 * @param clusterId the id of the cluster the node belongs to
 * @param attributes datastore attributes whose values are strings, numbers, booleans or null
 * @param unknownFields fields this version does not know, kept so that nothing is lost on re-encode
 */
public record StoreInfo(
    String clusterId, Map<String, JsonValue> attributes, Map<String, JsonValue> unknownFields) {
  /** Validates the components and copies the maps. */
  public StoreInfo {
    Objects.requireNonNull(clusterId, "clusterId");
    attributes = Maps.copyOrdered(attributes, "attributes");
    unknownFields = Maps.copyOrdered(unknownFields, "unknownFields");
  }
}
