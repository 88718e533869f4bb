package io.agenttransport.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenttransport.model.ActionList;
import io.agenttransport.model.ActionPhase;
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
import io.agenttransport.model.VersionInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Decodes JSON trees into the agent API model, failing with the JSON path of the first error. */
final class ModelDecoder {
  private static final String ROOT = "$";

  private static final Map<Class<?>, BiFunction<JsonNode, String, ?>> DECODERS =
      Map.ofEntries(
          Map.entry(NodeInfo.class, ModelDecoder::nodeInfo),
          Map.entry(StoreInfo.class, ModelDecoder::storeInfo),
          Map.entry(ShardList.class, ModelDecoder::shardList),
          Map.entry(ShardInfo.class, ModelDecoder::shardInfo),
          Map.entry(ActionList.class, ModelDecoder::actionList),
          Map.entry(ActionSummary.class, ModelDecoder::actionSummary),
          Map.entry(ActionRecord.class, ModelDecoder::actionRecord),
          Map.entry(ActionState.class, ModelDecoder::actionState),
          Map.entry(ActionScheduleRequest.class, ModelDecoder::scheduleRequest),
          Map.entry(ActionScheduleResponse.class, ModelDecoder::scheduleResponse),
          Map.entry(ErrorBody.class, ModelDecoder::errorBody));

  private ModelDecoder() {}

  static <T> T decode(JsonNode tree, Class<T> type) {
    BiFunction<JsonNode, String, ?> decoder = DECODERS.get(type);
    if (decoder == null) {
      throw new IllegalArgumentException(
          "cannot decode " + type.getName() + ": not a model type of the agent API");
    }
    return type.cast(decoder.apply(tree, ROOT));
  }

  static NodeInfo nodeInfo(JsonNode node, String path) {
    JsonObject object = JsonObject.of(node, path);
    return new NodeInfo(
        nodeAddress(object.object("address")),
        agentVersion(object.object("agent_version")),
        attributes(object.object("attributes")),
        object.string("node_id"),
        nodeStatus(object.required("node_status", "a node status"), object.pathOf("node_status")),
        object.string("store_id"),
        storeVersion(object.object("store_version")),
        object.unknownFields());
  }

  static StoreInfo storeInfo(JsonNode node, String path) {
    JsonObject object = JsonObject.of(node, path);
    return new StoreInfo(
        object.string("cluster_id"),
        attributes(object.object("attributes")),
        object.unknownFields());
  }

  static ShardList shardList(JsonNode node, String path) {
    JsonObject object = JsonObject.of(node, path);
    return new ShardList(list(object, "shards", ModelDecoder::shardInfo));
  }

  static ShardInfo shardInfo(JsonNode node, String path) {
    JsonObject object = JsonObject.of(node, path);
    return new ShardInfo(
        object.string("id"),
        shardRole(object.required("role", "a shard role"), object.pathOf("role")),
        shardOffset(object, "commit_offset"),
        shardOffset(object, "lag"),
        object.unknownFields());
  }

  static ActionList actionList(JsonNode node, String path) {
    JsonObject object = JsonObject.of(node, path);
    return new ActionList(list(object, "actions", ModelDecoder::actionSummary));
  }

  static ActionSummary actionSummary(JsonNode node, String path) {
    JsonObject object = JsonObject.of(node, path);
    return new ActionSummary(
        object.uuid("id"), object.string("kind"), phase(object), object.unknownFields());
  }

  static ActionRecord actionRecord(JsonNode node, String path) {
    JsonObject object = JsonObject.of(node, path);
    return new ActionRecord(
        object.json("args"),
        object.timestamp("created_time"),
        object.optionalTimestamp("finished_time"),
        object.uuid("id"),
        object.string("kind"),
        object.stringMap("metadata"),
        object.timestamp("scheduled_time"),
        actionState(object.required("state", "a JSON object"), object.pathOf("state")),
        object.unknownFields());
  }

  static ActionState actionState(JsonNode node, String path) {
    JsonObject object = JsonObject.of(node, path);
    return new ActionState(
        phase(object),
        object.optionalJson("error"),
        object.optionalJson("payload"),
        object.unknownFields());
  }

  static ActionScheduleRequest scheduleRequest(JsonNode node, String path) {
    JsonObject object = JsonObject.of(node, path);
    JsonNode metadata = object.optional("metadata");
    return new ActionScheduleRequest(
        object.string("kind"),
        object.optionalUuid("id"),
        object.optionalJson("args"),
        object.optionalTimestamp("created_time"),
        metadata == null ? null : JsonObject.of(metadata, object.pathOf("metadata")).asStringMap(),
        object.unknownFields());
  }

  static ActionScheduleResponse scheduleResponse(JsonNode node, String path) {
    return new ActionScheduleResponse(JsonObject.of(node, path).uuid("id"));
  }

  static ErrorBody errorBody(JsonNode node, String path) {
    JsonObject object = JsonObject.of(node, path);
    JsonNode flag = object.optional("error");
    if (flag != null && !flag.isBoolean()) {
      throw JsonObject.mismatch(object.pathOf("error"), flag, "true");
    }
    JsonNode trail = object.optional("error_trail");
    return new ErrorBody(
        object.string("error_msg"),
        object.optionalString("error_cause"),
        trail == null ? null : strings(trail, object.pathOf("error_trail")));
  }

  private static NodeAddress nodeAddress(JsonObject object) {
    String client = object.string("client");
    String member = object.string("member");
    return new NodeAddress(client, member, object.asStringMap());
  }

  private static VersionInfo agentVersion(JsonObject object) {
    return new VersionInfo(
        object.optionalString("checkout"), object.string("number"), object.optionalString("taint"));
  }

  private static VersionInfo storeVersion(JsonObject object) {
    return new VersionInfo(
        object.optionalString("checkout"), object.string("number"), object.optionalString("extra"));
  }

  /** Reads attributes, whose values may be strings, numbers, booleans or null only. */
  private static Map<String, JsonValue> attributes(JsonObject object) {
    Map<String, JsonValue> attributes = new LinkedHashMap<>();
    object
        .remaining()
        .forEach(
            (key, value) -> {
              if (value.isContainerNode()) {
                throw JsonObject.mismatch(
                    object.pathOf(key), value, "a string, number, boolean or null attribute value");
              }
              attributes.put(key, JsonObject.asJsonValue(value));
            });
    return attributes;
  }

  private static NodeStatus nodeStatus(JsonNode node, String path) {
    if (node.isTextual()) {
      String text = node.textValue();
      NodeStatus.Kind kind = enumValue(NodeStatus.Kind.class, text, node, path, "a node status");
      if (kind == NodeStatus.Kind.UNKNOWN) {
        throw JsonObject.mismatch(path, node, "{\"UNKNOWN\": reason} for an unknown status");
      }
      return NodeStatus.of(kind);
    }
    JsonObject object = singleKey(node, path, "UNKNOWN", "a node status or {\"UNKNOWN\": reason}");
    return NodeStatus.unknown(object.string("UNKNOWN"));
  }

  private static ShardRole shardRole(JsonNode node, String path) {
    String expected = "Primary, Secondary, Recovering or {\"Other\": name}";
    if (node.isTextual()) {
      return switch (node.textValue()) {
        case "Primary" -> ShardRole.of(ShardRole.Kind.PRIMARY);
        case "Secondary" -> ShardRole.of(ShardRole.Kind.SECONDARY);
        case "Recovering" -> ShardRole.of(ShardRole.Kind.RECOVERING);
        default -> throw JsonObject.mismatch(path, node, expected);
      };
    }
    return ShardRole.other(singleKey(node, path, "Other", expected).string("Other"));
  }

  private static @Nullable ShardOffset shardOffset(JsonObject parent, String key) {
    JsonNode node = parent.optional(key);
    if (node == null) {
      return null;
    }
    JsonObject object = JsonObject.of(node, parent.pathOf(key));
    OffsetUnit unit = offsetUnit(object.required("unit", "an offset unit"), object.pathOf("unit"));
    JsonNode value = object.required("value", "an integer");
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw JsonObject.mismatch(object.pathOf("value"), value, "an integer that fits in 64 bits");
    }
    return new ShardOffset(unit, value.longValue());
  }

  private static OffsetUnit offsetUnit(JsonNode node, String path) {
    String expected = "seconds, milliseconds or {\"unit\": name}";
    if (node.isTextual()) {
      return switch (node.textValue()) {
        case "seconds" -> OffsetUnit.of(OffsetUnit.Kind.SECONDS);
        case "milliseconds" -> OffsetUnit.of(OffsetUnit.Kind.MILLISECONDS);
        default -> throw JsonObject.mismatch(path, node, expected);
      };
    }
    return OffsetUnit.custom(singleKey(node, path, "unit", expected).string("unit"));
  }

  private static ActionPhase phase(JsonObject object) {
    JsonNode node = object.required("phase", "an action phase");
    String path = object.pathOf("phase");
    return enumValue(
        ActionPhase.class, JsonObject.asString(node, path), node, path, "an action phase");
  }

  /** Reads an object that must hold exactly the one field {@code key}, such as {@code Other}. */
  private static JsonObject singleKey(JsonNode node, String path, String key, String expected) {
    if (!node.isObject() || node.size() != 1 || !node.has(key)) {
      throw JsonObject.mismatch(path, node, expected);
    }
    return JsonObject.of(node, path);
  }

  private static <E extends Enum<E>> E enumValue(
      Class<E> type, String text, JsonNode node, String path, String what) {
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(text)) {
        return constant;
      }
    }
    String names =
        Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    throw JsonObject.mismatch(path, node, what + ", one of " + names);
  }

  private static List<String> strings(JsonNode node, String path) {
    if (!node.isArray()) {
      throw JsonObject.mismatch(path, node, "an array of strings");
    }
    List<String> strings = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      strings.add(JsonObject.asString(node.get(i), JsonPath.element(path, i)));
    }
    return strings;
  }

  private static <T> List<T> list(
      JsonObject object, String key, BiFunction<JsonNode, String, T> element) {
    JsonNode array = object.required(key, "an array");
    String path = object.pathOf(key);
    if (!array.isArray()) {
      throw JsonObject.mismatch(path, array, "an array");
    }
    List<T> items = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      items.add(element.apply(array.get(i), JsonPath.element(path, i)));
    }
    return items;
  }
}
