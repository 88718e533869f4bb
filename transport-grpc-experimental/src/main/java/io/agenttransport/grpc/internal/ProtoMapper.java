package io.agenttransport.grpc.internal;

import io.agenttransport.grpc.internal.proto.JsonMember;
import io.agenttransport.grpc.internal.proto.StringEntries;
import io.agenttransport.grpc.internal.proto.StringEntry;
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
import io.agenttransport.model.Timestamp;
import io.agenttransport.model.VersionInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Converts between the agent API model and its protobuf messages.
 *
 * <p>Methods named {@code toProto} never fail on a valid model value. Methods named {@code
 * fromProto} throw {@link IllegalArgumentException} naming the field when a message holds a value
 * the model rejects (an unset enum, an invalid UUID, timestamp or JSON text).
 */
public final class ProtoMapper {
  private ProtoMapper() {}

  // Node info.

  /** Converts node info to its message. */
  public static io.agenttransport.grpc.internal.proto.NodeInfo toProto(NodeInfo info) {
    return io.agenttransport.grpc.internal.proto.NodeInfo.newBuilder()
        .setAddress(toProto(info.address()))
        .setAgentVersion(toProto(info.agentVersion()))
        .addAllAttributes(toMembers(info.attributes()))
        .setNodeId(info.nodeId())
        .setNodeStatus(toProto(info.nodeStatus()))
        .setStoreId(info.storeId())
        .setStoreVersion(toProto(info.storeVersion()))
        .addAllUnknownMembers(toMembers(info.unknownFields()))
        .build();
  }

  /** Converts a node info message to the model. */
  public static NodeInfo fromProto(io.agenttransport.grpc.internal.proto.NodeInfo message) {
    return new NodeInfo(
        fromProto(message.getAddress()),
        fromProto(message.getAgentVersion()),
        fromMembers(message.getAttributesList(), "attributes"),
        message.getNodeId(),
        fromProto(message.getNodeStatus()),
        message.getStoreId(),
        fromProto(message.getStoreVersion()),
        fromMembers(message.getUnknownMembersList(), "unknown_members"));
  }

  private static io.agenttransport.grpc.internal.proto.NodeAddress toProto(NodeAddress address) {
    return io.agenttransport.grpc.internal.proto.NodeAddress.newBuilder()
        .setClient(address.client())
        .setMember(address.member())
        .addAllExtra(toEntries(address.extra()))
        .build();
  }

  private static NodeAddress fromProto(io.agenttransport.grpc.internal.proto.NodeAddress message) {
    return new NodeAddress(
        message.getClient(), message.getMember(), fromEntries(message.getExtraList()));
  }

  private static io.agenttransport.grpc.internal.proto.VersionInfo toProto(VersionInfo version) {
    var builder =
        io.agenttransport.grpc.internal.proto.VersionInfo.newBuilder().setNumber(version.number());
    if (version.checkout() != null) {
      builder.setCheckout(version.checkout());
    }
    if (version.extra() != null) {
      builder.setExtra(version.extra());
    }
    return builder.build();
  }

  private static VersionInfo fromProto(io.agenttransport.grpc.internal.proto.VersionInfo message) {
    return new VersionInfo(
        message.hasCheckout() ? message.getCheckout() : null,
        message.getNumber(),
        message.hasExtra() ? message.getExtra() : null);
  }

  private static io.agenttransport.grpc.internal.proto.NodeStatus toProto(NodeStatus status) {
    var builder =
        io.agenttransport.grpc.internal.proto.NodeStatus.newBuilder()
            .setKind(
                io.agenttransport.grpc.internal.proto.NodeStatus.Kind.valueOf(
                    status.kind().name()));
    if (status.reason() != null) {
      builder.setUnknownReason(status.reason());
    }
    return builder.build();
  }

  private static NodeStatus fromProto(io.agenttransport.grpc.internal.proto.NodeStatus message) {
    NodeStatus.Kind kind =
        enumValue(NodeStatus.Kind.class, message.getKind().name(), "node_status");
    return new NodeStatus(kind, message.hasUnknownReason() ? message.getUnknownReason() : null);
  }

  // Store info.

  /** Converts store info to its message. */
  public static io.agenttransport.grpc.internal.proto.StoreInfo toProto(StoreInfo info) {
    return io.agenttransport.grpc.internal.proto.StoreInfo.newBuilder()
        .setClusterId(info.clusterId())
        .addAllAttributes(toMembers(info.attributes()))
        .addAllUnknownMembers(toMembers(info.unknownFields()))
        .build();
  }

  /** Converts a store info message to the model. */
  public static StoreInfo fromProto(io.agenttransport.grpc.internal.proto.StoreInfo message) {
    return new StoreInfo(
        message.getClusterId(),
        fromMembers(message.getAttributesList(), "attributes"),
        fromMembers(message.getUnknownMembersList(), "unknown_members"));
  }

  // Shards.

  /** Converts a shard list to its message. */
  public static io.agenttransport.grpc.internal.proto.ShardList toProto(ShardList list) {
    var builder = io.agenttransport.grpc.internal.proto.ShardList.newBuilder();
    list.shards().forEach(shard -> builder.addShards(toProto(shard)));
    return builder.build();
  }

  /** Converts a shard list message to the model. */
  public static ShardList fromProto(io.agenttransport.grpc.internal.proto.ShardList message) {
    return new ShardList(message.getShardsList().stream().map(ProtoMapper::fromProto).toList());
  }

  private static io.agenttransport.grpc.internal.proto.ShardInfo toProto(ShardInfo shard) {
    var builder =
        io.agenttransport.grpc.internal.proto.ShardInfo.newBuilder()
            .setId(shard.id())
            .setRole(toProto(shard.role()))
            .addAllUnknownMembers(toMembers(shard.unknownFields()));
    if (shard.commitOffset() != null) {
      builder.setCommitOffset(toProto(shard.commitOffset()));
    }
    if (shard.lag() != null) {
      builder.setLag(toProto(shard.lag()));
    }
    return builder.build();
  }

  private static ShardInfo fromProto(io.agenttransport.grpc.internal.proto.ShardInfo message) {
    return new ShardInfo(
        message.getId(),
        fromProto(message.getRole()),
        message.hasCommitOffset() ? fromProto(message.getCommitOffset()) : null,
        message.hasLag() ? fromProto(message.getLag()) : null,
        fromMembers(message.getUnknownMembersList(), "unknown_members"));
  }

  private static io.agenttransport.grpc.internal.proto.ShardRole toProto(ShardRole role) {
    var builder =
        io.agenttransport.grpc.internal.proto.ShardRole.newBuilder()
            .setKind(
                io.agenttransport.grpc.internal.proto.ShardRole.Kind.valueOf(role.kind().name()));
    if (role.other() != null) {
      builder.setOther(role.other());
    }
    return builder.build();
  }

  private static ShardRole fromProto(io.agenttransport.grpc.internal.proto.ShardRole message) {
    ShardRole.Kind kind = enumValue(ShardRole.Kind.class, message.getKind().name(), "role");
    return new ShardRole(kind, message.hasOther() ? message.getOther() : null);
  }

  private static io.agenttransport.grpc.internal.proto.ShardOffset toProto(ShardOffset offset) {
    OffsetUnit unit = offset.unit();
    var protoUnit =
        io.agenttransport.grpc.internal.proto.OffsetUnit.newBuilder()
            .setKind(
                io.agenttransport.grpc.internal.proto.OffsetUnit.Kind.valueOf(unit.kind().name()));
    if (unit.custom() != null) {
      protoUnit.setCustom(unit.custom());
    }
    return io.agenttransport.grpc.internal.proto.ShardOffset.newBuilder()
        .setUnit(protoUnit)
        .setValue(offset.value())
        .build();
  }

  private static ShardOffset fromProto(io.agenttransport.grpc.internal.proto.ShardOffset message) {
    var protoUnit = message.getUnit();
    OffsetUnit.Kind kind = enumValue(OffsetUnit.Kind.class, protoUnit.getKind().name(), "unit");
    OffsetUnit unit = new OffsetUnit(kind, protoUnit.hasCustom() ? protoUnit.getCustom() : null);
    return new ShardOffset(unit, message.getValue());
  }

  // Actions.

  /** Converts an action list to its message. */
  public static io.agenttransport.grpc.internal.proto.ActionList toProto(ActionList list) {
    var builder = io.agenttransport.grpc.internal.proto.ActionList.newBuilder();
    for (ActionSummary action : list.actions()) {
      builder.addActions(
          io.agenttransport.grpc.internal.proto.ActionSummary.newBuilder()
              .setId(action.id().toString())
              .setKind(action.kind())
              .setPhase(toProto(action.phase()))
              .addAllUnknownMembers(toMembers(action.unknownFields())));
    }
    return builder.build();
  }

  /** Converts an action list message to the model. */
  public static ActionList fromProto(io.agenttransport.grpc.internal.proto.ActionList message) {
    return new ActionList(
        message.getActionsList().stream()
            .map(
                action ->
                    new ActionSummary(
                        uuid(action.getId(), "id"),
                        action.getKind(),
                        fromProto(action.getPhase()),
                        fromMembers(action.getUnknownMembersList(), "unknown_members")))
            .toList());
  }

  /** Converts an action record to its message. */
  public static io.agenttransport.grpc.internal.proto.ActionRecord toProto(ActionRecord record) {
    var builder =
        io.agenttransport.grpc.internal.proto.ActionRecord.newBuilder()
            .setArgsJson(record.args().json())
            .setCreatedTime(record.createdTime().text())
            .setId(record.id().toString())
            .setKind(record.kind())
            .addAllMetadata(toEntries(record.metadata()))
            .setScheduledTime(record.scheduledTime().text())
            .setState(toProto(record.state()))
            .addAllUnknownMembers(toMembers(record.unknownFields()));
    if (record.finishedTime() != null) {
      builder.setFinishedTime(record.finishedTime().text());
    }
    return builder.build();
  }

  /** Converts an action record message to the model. */
  public static ActionRecord fromProto(io.agenttransport.grpc.internal.proto.ActionRecord message) {
    return new ActionRecord(
        json(message.getArgsJson(), "args_json"),
        timestamp(message.getCreatedTime(), "created_time"),
        message.hasFinishedTime() ? timestamp(message.getFinishedTime(), "finished_time") : null,
        uuid(message.getId(), "id"),
        message.getKind(),
        fromEntries(message.getMetadataList()),
        timestamp(message.getScheduledTime(), "scheduled_time"),
        fromProto(message.getState()),
        fromMembers(message.getUnknownMembersList(), "unknown_members"));
  }

  private static io.agenttransport.grpc.internal.proto.ActionState toProto(ActionState state) {
    var builder =
        io.agenttransport.grpc.internal.proto.ActionState.newBuilder()
            .setPhase(toProto(state.phase()))
            .addAllUnknownMembers(toMembers(state.unknownFields()));
    if (state.error() != null) {
      builder.setErrorJson(state.error().json());
    }
    if (state.payload() != null) {
      builder.setPayloadJson(state.payload().json());
    }
    return builder.build();
  }

  private static ActionState fromProto(io.agenttransport.grpc.internal.proto.ActionState message) {
    return new ActionState(
        fromProto(message.getPhase()),
        message.hasErrorJson() ? json(message.getErrorJson(), "error_json") : null,
        message.hasPayloadJson() ? json(message.getPayloadJson(), "payload_json") : null,
        fromMembers(message.getUnknownMembersList(), "unknown_members"));
  }

  private static io.agenttransport.grpc.internal.proto.ActionPhase toProto(ActionPhase phase) {
    return io.agenttransport.grpc.internal.proto.ActionPhase.valueOf(phase.name());
  }

  private static ActionPhase fromProto(io.agenttransport.grpc.internal.proto.ActionPhase phase) {
    return enumValue(ActionPhase.class, phase.name(), "phase");
  }

  // Scheduling.

  /** Converts a schedule request to its message. */
  public static io.agenttransport.grpc.internal.proto.ScheduleActionRequest toProto(
      ActionScheduleRequest request) {
    var builder =
        io.agenttransport.grpc.internal.proto.ScheduleActionRequest.newBuilder()
            .setKind(request.kind())
            .addAllUnknownMembers(toMembers(request.unknownFields()));
    if (request.id() != null) {
      builder.setId(request.id().toString());
    }
    if (request.args() != null) {
      builder.setArgsJson(request.args().json());
    }
    if (request.createdTime() != null) {
      builder.setCreatedTime(request.createdTime().text());
    }
    if (request.metadata() != null) {
      builder.setMetadata(StringEntries.newBuilder().addAllEntries(toEntries(request.metadata())));
    }
    return builder.build();
  }

  /** Converts a schedule request message to the model. */
  public static ActionScheduleRequest fromProto(
      io.agenttransport.grpc.internal.proto.ScheduleActionRequest message) {
    return new ActionScheduleRequest(
        message.getKind(),
        message.hasId() ? uuid(message.getId(), "id") : null,
        message.hasArgsJson() ? json(message.getArgsJson(), "args_json") : null,
        message.hasCreatedTime() ? timestamp(message.getCreatedTime(), "created_time") : null,
        message.hasMetadata() ? fromEntries(message.getMetadata().getEntriesList()) : null,
        fromMembers(message.getUnknownMembersList(), "unknown_members"));
  }

  /** Converts a schedule response to its message. */
  public static io.agenttransport.grpc.internal.proto.ScheduleActionResponse toProto(
      ActionScheduleResponse response) {
    return io.agenttransport.grpc.internal.proto.ScheduleActionResponse.newBuilder()
        .setId(response.id().toString())
        .build();
  }

  /** Converts a schedule response message to the model. */
  public static ActionScheduleResponse fromProto(
      io.agenttransport.grpc.internal.proto.ScheduleActionResponse message) {
    return new ActionScheduleResponse(uuid(message.getId(), "id"));
  }

  // Error bodies.

  /** Converts an error body to its message. */
  public static io.agenttransport.grpc.internal.proto.ErrorBody toProto(ErrorBody body) {
    var builder = io.agenttransport.grpc.internal.proto.ErrorBody.newBuilder();
    builder.setMessage(body.message());
    if (body.cause() != null) {
      builder.setCause(body.cause());
    }
    if (body.trail() != null) {
      builder.setTrail(
          io.agenttransport.grpc.internal.proto.ErrorTrail.newBuilder()
              .addAllMessages(body.trail()));
    }
    return builder.build();
  }

  /** Converts an error body message to the model. */
  public static ErrorBody fromProto(io.agenttransport.grpc.internal.proto.ErrorBody message) {
    return new ErrorBody(
        message.getMessage(),
        message.hasCause() ? message.getCause() : null,
        message.hasTrail() ? List.copyOf(message.getTrail().getMessagesList()) : null);
  }

  /**
   * Parses an action id sent as text.
   *
   * @throws IllegalArgumentException naming the field if the text is not a canonical UUID
   */
  public static UUID uuid(String text, String field) {
    UUID parsed;
    try {
      parsed = UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw invalid(field, text, "a UUID such as 6f8e2a40-3c1b-4d5e-9f7a-0b1c2d3e4f50", e);
    }
    // UUID.fromString accepts short groups such as 1-2-3-4-5, but only the canonical form is valid.
    if (!parsed.toString().equalsIgnoreCase(text)) {
      throw invalid(field, text, "a UUID in its canonical 8-4-4-4-12 form", null);
    }
    return parsed;
  }

  private static Timestamp timestamp(String text, String field) {
    try {
      return Timestamp.parse(text);
    } catch (IllegalArgumentException e) {
      throw invalid(field, text, "an RFC 3339 timestamp such as 2026-12-04T10:15:30Z", e);
    }
  }

  private static JsonValue json(String text, String field) {
    try {
      return JsonValue.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "invalid " + field + ": expected one JSON value (" + e.getMessage() + ")", e);
    }
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String name, String field) {
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      throw invalid(field, name, "one of " + List.of(type.getEnumConstants()), e);
    }
  }

  private static IllegalArgumentException invalid(
      String field, String value, String expected, @Nullable Throwable cause) {
    return new IllegalArgumentException(
        "invalid " + field + " '" + value + "': expected " + expected, cause);
  }

  private static List<JsonMember> toMembers(Map<String, JsonValue> values) {
    return values.entrySet().stream()
        .map(e -> JsonMember.newBuilder().setName(e.getKey()).setJson(e.getValue().json()).build())
        .toList();
  }

  private static Map<String, JsonValue> fromMembers(List<JsonMember> members, String field) {
    Map<String, JsonValue> values = new LinkedHashMap<>();
    for (JsonMember member : members) {
      String name = field + "." + member.getName();
      if (values.put(member.getName(), json(member.getJson(), name)) != null) {
        throw new IllegalArgumentException(
            "duplicate member '" + member.getName() + "' in " + field + ": expected unique names");
      }
    }
    return values;
  }

  private static List<StringEntry> toEntries(Map<String, String> values) {
    return values.entrySet().stream()
        .map(e -> StringEntry.newBuilder().setKey(e.getKey()).setValue(e.getValue()).build())
        .toList();
  }

  private static Map<String, String> fromEntries(List<StringEntry> entries) {
    Map<String, String> values = new LinkedHashMap<>();
    for (StringEntry entry : entries) {
      if (values.put(entry.getKey(), entry.getValue()) != null) {
        throw new IllegalArgumentException(
            "duplicate key '" + entry.getKey() + "': expected unique keys");
      }
    }
    return values;
  }
}
