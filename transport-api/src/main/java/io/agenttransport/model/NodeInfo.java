package io.agenttransport.model;

import java.util.Map;
import java.util.Objects;

/**
 * The information an agent reports about its node, as returned by {@code GET
 * /api/unstable/info/node}.
 *
 * @param address the node's network addresses
 * @param agentVersion the agent's version; {@link VersionInfo#extra()} is its {@code taint}
 * @param attributes datastore attributes whose values are strings, numbers, booleans or null
 * @param nodeId the node id
 * @param nodeStatus the node status
 * @param storeId the datastore id
 * @param storeVersion the datastore's version
 * @param unknownFields fields this version does not know, kept so that nothing is lost on re-encode
 */
public record NodeInfo(
    NodeAddress address,
    VersionInfo agentVersion,
    Map<String, JsonValue> attributes,
    String nodeId,
    NodeStatus nodeStatus,
    String storeId,
    VersionInfo storeVersion,
    Map<String, JsonValue> unknownFields) {
  /** Validates the components and copies the maps. */
  public NodeInfo {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(agentVersion, "agentVersion");
    attributes = Maps.copyOrdered(attributes, "attributes");
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(nodeStatus, "nodeStatus");
    Objects.requireNonNull(storeId, "storeId");
    Objects.requireNonNull(storeVersion, "storeVersion");
    unknownFields = Maps.copyOrdered(unknownFields, "unknownFields");
  }
}
