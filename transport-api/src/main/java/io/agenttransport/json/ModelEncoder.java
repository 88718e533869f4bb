package io.agenttransport.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agenttransport.model.ActionList;
import io.agenttransport.model.ActionRecord;
import io.agenttransport.model.ActionScheduleRequest;
import io.agenttransport.model.ActionScheduleResponse;
import io.agenttransport.model.ActionState;
import io.agenttransport.model.ActionSummary;
import io.agenttransport.model.ErrorBody;
import io.agenttransport.model.JsonValue;
import io.agenttransport.model.NodeAddress;
import io.agenttransport.model.NodeInfo;
import io.agenttransport.model.NodeStatus;
import io.agenttransport.model.OffsetUnit;
import io.agenttransport.model.ShardInfo;
import io.agenttransport.model.ShardList;
import io.agenttransport.model.ShardOffset;
import io.agenttransport.model.ShardRole;
import io.agenttransport.model.StoreInfo;
import io.agenttransport.model.Timestamp;
import io.agenttransport.model.VersionInfo;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Encodes the agent API model as JSON trees, writing unknown fields back after known ones. */
final class ModelEncoder {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ModelEncoder() {}

  static JsonNode encode(Object value) {
    if (value instanceof NodeInfo info) {
      return nodeInfo(info);
    } else if (value instanceof StoreInfo info) {
      return storeInfo(info);
    } else if (value instanceof ShardList list) {
      return shardList(list);
    } else if (value instanceof ShardInfo shard) {
      return shardInfo(shard);
    } else if (value instanceof ActionList list) {
      return actionList(list);
    } else if (value instanceof ActionSummary summary) {
      return actionSummary(summary);
    } else if (value instanceof ActionRecord record) {
      return actionRecord(record);
    } else if (value instanceof ActionState state) {
      return actionState(state);
    } else if (value instanceof ActionScheduleRequest request) {
      return scheduleRequest(request);
    } else if (value instanceof ActionScheduleResponse response) {
      return NODES.objectNode().put("id", response.id().toString());
    } else if (value instanceof ErrorBody body) {
      return errorBody(body);
    }
    throw new IllegalArgumentException(
        "cannot encode " + value.getClass().getName() + ": not a model type of the agent API");
  }

  private static ObjectNode nodeInfo(NodeInfo info) {
    ObjectNode node = NODES.objectNode();
    node.set("address", address(info.address()));
    node.set("agent_version", version(info.agentVersion(), "taint"));
    node.set("attributes", jsonMap(info.attributes()));
    node.put("node_id", info.nodeId());
    node.set("node_status", nodeStatus(info.nodeStatus()));
    node.put("store_id", info.storeId());
    node.set("store_version", version(info.storeVersion(), "extra"));
    return withUnknown(node, info.unknownFields());
  }

  private static ObjectNode storeInfo(StoreInfo info) {
    ObjectNode node = NODES.objectNode();
    node.put("cluster_id", info.clusterId());
    node.set("attributes", jsonMap(info.attributes()));
    return withUnknown(node, info.unknownFields());
  }

  private static ObjectNode shardList(ShardList list) {
    ArrayNode shards = NODES.arrayNode();
    list.shards().forEach(shard -> shards.add(shardInfo(shard)));
    return NODES.objectNode().set("shards", shards);
  }

  private static ObjectNode shardInfo(ShardInfo shard) {
    ObjectNode node = NODES.objectNode();
    node.put("id", shard.id());
    node.set("role", role(shard.role()));
    node.set("commit_offset", offset(shard.commitOffset()));
    node.set("lag", offset(shard.lag()));
    return withUnknown(node, shard.unknownFields());
  }

  private static ObjectNode actionList(ActionList list) {
    ArrayNode actions = NODES.arrayNode();
    list.actions().forEach(action -> actions.add(actionSummary(action)));
    return NODES.objectNode().set("actions", actions);
  }

  private static ObjectNode actionSummary(ActionSummary summary) {
    ObjectNode node = NODES.objectNode();
    node.put("id", summary.id().toString());
    node.put("kind", summary.kind());
    node.put("phase", summary.phase().name());
    return withUnknown(node, summary.unknownFields());
  }

  private static ObjectNode actionRecord(ActionRecord record) {
    ObjectNode node = NODES.objectNode();
    node.set("args", json(record.args()));
    node.put("created_time", record.createdTime().text());
    node.set("finished_time", timestamp(record.finishedTime()));
    node.put("id", record.id().toString());
    node.put("kind", record.kind());
    node.set("metadata", stringMap(record.metadata()));
    node.put("scheduled_time", record.scheduledTime().text());
    node.set("state", actionState(record.state()));
    return withUnknown(node, record.unknownFields());
  }

  private static ObjectNode actionState(ActionState state) {
    ObjectNode node = NODES.objectNode();
    node.set("error", json(state.error()));
    node.set("payload", json(state.payload()));
    node.put("phase", state.phase().name());
    return withUnknown(node, state.unknownFields());
  }

  /** Writes only the fields that are set, so that absent fields stay absent. */
  private static ObjectNode scheduleRequest(ActionScheduleRequest request) {
    ObjectNode node = NODES.objectNode();
    node.put("kind", request.kind());
    if (request.id() != null) {
      node.put("id", request.id().toString());
    }
    if (request.args() != null) {
      node.set("args", json(request.args()));
    }
    if (request.createdTime() != null) {
      node.put("created_time", request.createdTime().text());
    }
    if (request.metadata() != null) {
      node.set("metadata", stringMap(request.metadata()));
    }
    return withUnknown(node, request.unknownFields());
  }

  private static ObjectNode errorBody(ErrorBody body) {
    ObjectNode node = NODES.objectNode();
    node.put("error", true);
    node.put("error_msg", body.message());
    if (body.cause() != null) {
      node.put("error_cause", body.cause());
    }
    if (body.trail() != null) {
      ArrayNode trail = node.putArray("error_trail");
      body.trail().forEach(trail::add);
    }
    return node;
  }

  private static ObjectNode address(NodeAddress address) {
    ObjectNode node = NODES.objectNode();
    node.put("client", address.client());
    node.put("member", address.member());
    address.extra().forEach(node::put);
    return node;
  }

  private static ObjectNode version(VersionInfo version, String extraKey) {
    ObjectNode node = NODES.objectNode();
    node.put("checkout", version.checkout());
    node.put("number", version.number());
    node.put(extraKey, version.extra());
    return node;
  }

  private static JsonNode nodeStatus(NodeStatus status) {
    if (status.kind() == NodeStatus.Kind.UNKNOWN) {
      return NODES.objectNode().put("UNKNOWN", status.reason());
    }
    return NODES.textNode(status.kind().name());
  }

  private static JsonNode role(ShardRole role) {
    return switch (role.kind()) {
      case PRIMARY -> NODES.textNode("Primary");
      case SECONDARY -> NODES.textNode("Secondary");
      case RECOVERING -> NODES.textNode("Recovering");
      case OTHER -> NODES.objectNode().put("Other", role.other());
    };
  }

  private static JsonNode offset(@Nullable ShardOffset offset) {
    if (offset == null) {
      return NODES.nullNode();
    }
    ObjectNode node = NODES.objectNode();
    node.set("unit", unit(offset.unit()));
    node.put("value", offset.value());
    return node;
  }

  private static JsonNode unit(OffsetUnit unit) {
    return switch (unit.kind()) {
      case SECONDS -> NODES.textNode("seconds");
      case MILLISECONDS -> NODES.textNode("milliseconds");
      case CUSTOM -> NODES.objectNode().put("unit", unit.custom());
    };
  }

  private static JsonNode timestamp(@Nullable Timestamp timestamp) {
    return timestamp == null ? NODES.nullNode() : NODES.textNode(timestamp.text());
  }

  private static ObjectNode stringMap(Map<String, String> map) {
    ObjectNode node = NODES.objectNode();
    map.forEach(node::put);
    return node;
  }

  private static ObjectNode jsonMap(Map<String, JsonValue> map) {
    ObjectNode node = NODES.objectNode();
    map.forEach((key, value) -> node.set(key, json(value)));
    return node;
  }

  private static ObjectNode withUnknown(ObjectNode node, Map<String, JsonValue> unknownFields) {
    unknownFields.forEach((key, value) -> node.set(key, json(value)));
    return node;
  }

  /** Parses the normalized text of a value, which was validated when the value was made. */
  private static JsonNode json(@Nullable JsonValue value) {
    return value == null ? NODES.nullNode() : AgentJson.parseTree(value.json());
  }
}
