package io.agenttransport.grpc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import io.agenttransport.grpc.internal.proto.ActionPhase;
import io.agenttransport.grpc.internal.proto.ActionSummary;
import io.agenttransport.json.AgentJson;
import io.agenttransport.model.ActionList;
import io.agenttransport.model.ActionRecord;
import io.agenttransport.model.ActionScheduleRequest;
import io.agenttransport.model.ActionScheduleResponse;
import io.agenttransport.model.ErrorBody;
import io.agenttransport.model.NodeInfo;
import io.agenttransport.model.ShardList;
import io.agenttransport.model.StoreInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProtoMapperTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @CsvSource({
    "info-node.json, io.agenttransport.model.NodeInfo",
    "info-node-status-unknown.json, io.agenttransport.model.NodeInfo",
    "info-store.json, io.agenttransport.model.StoreInfo",
    "info-shards.json, io.agenttransport.model.ShardList",
    "actions-queue.json, io.agenttransport.model.ActionList",
    "actions-finished.json, io.agenttransport.model.ActionList",
    "action-lookup-running.json, io.agenttransport.model.ActionRecord",
    "action-lookup-failed.json, io.agenttransport.model.ActionRecord",
    "action-schedule-request.json, io.agenttransport.model.ActionScheduleRequest",
    "action-schedule-request-minimal.json, io.agenttransport.model.ActionScheduleRequest",
    "action-schedule-response.json, io.agenttransport.model.ActionScheduleResponse",
    "error-body.json, io.agenttransport.model.ErrorBody"
  })
  void fixtureSurvivesProtobuf(String file, Class<?> type) throws Exception {
    byte[] fixture = fixture(file);
    Object decoded = AgentJson.decode(fixture, type);

    Object roundTripped = throughProtobuf(decoded);

    assertThat(roundTripped).isEqualTo(decoded);
    assertThat(tree(AgentJson.encode(roundTripped))).isEqualTo(tree(fixture));
  }

  @Test
  void unknownFieldsSurvive() throws Exception {
    String json =
        "{\"cluster_id\": \"rs0\", \"attributes\": {},"
            + " \"added_later\": {\"nested\": [1, 2.5, true, null]}}";
    StoreInfo decoded = AgentJson.decode(json.getBytes(), StoreInfo.class);

    Object roundTripped = throughProtobuf(decoded);

    assertThat(roundTripped).isEqualTo(decoded);
    assertThat(((StoreInfo) roundTripped).unknownFields()).containsKey("added_later");
  }

  @Test
  void largeIntegerKeepsEveryDigit() throws Exception {
    String json =
        "{\"cluster_id\": \"rs0\", \"attributes\": {\"offset\": 9007199254740993,"
            + " \"precise\": 0.1000000000000000055511151231257827}}";
    StoreInfo decoded = AgentJson.decode(json.getBytes(), StoreInfo.class);

    StoreInfo roundTripped = (StoreInfo) throughProtobuf(decoded);

    assertThat(roundTripped.attributes().get("offset").json()).isEqualTo("9007199254740993");
    assertThat(roundTripped.attributes().get("precise").json())
        .isEqualTo(decoded.attributes().get("precise").json());
  }

  @Test
  void attributeOrderIsKept() throws Exception {
    NodeInfo decoded = AgentJson.decode(fixture("info-node.json"), NodeInfo.class);

    NodeInfo roundTripped = (NodeInfo) throughProtobuf(decoded);

    assertThat(roundTripped.attributes().keySet())
        .containsExactlyElementsOf(decoded.attributes().keySet());
  }

  @Test
  void unsetPhaseIsRejected() {
    var message =
        io.agenttransport.grpc.internal.proto.ActionList.newBuilder()
            .addActions(
                ActionSummary.newBuilder()
                    .setId("6f8e2a40-3c1b-4d5e-9f7a-0b1c2d3e4f50")
                    .setKind("agent.replicante.io/test.success")
                    .setPhase(ActionPhase.ACTION_PHASE_UNSPECIFIED))
            .build();

    assertThatThrownBy(() -> ProtoMapper.fromProto(message))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("phase");
  }

  @Test
  void shortUuidIsRejected() {
    assertThatThrownBy(() -> ProtoMapper.uuid("1-2-3-4-5", "id"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'1-2-3-4-5'");
  }

  @Test
  void invalidArgsJsonIsRejected() {
    var message =
        io.agenttransport.grpc.internal.proto.ScheduleActionRequest.newBuilder()
            .setKind("agent.replicante.io/test.success")
            .setArgsJson("{not json")
            .build();

    assertThatThrownBy(() -> ProtoMapper.fromProto(message))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("args_json");
  }

  @Test
  void duplicateAttributeIsRejected() {
    var message =
        io.agenttransport.grpc.internal.proto.StoreInfo.newBuilder()
            .setClusterId("rs0")
            .addAttributes(
                io.agenttransport.grpc.internal.proto.JsonMember.newBuilder()
                    .setName("a")
                    .setJson("1"))
            .addAttributes(
                io.agenttransport.grpc.internal.proto.JsonMember.newBuilder()
                    .setName("a")
                    .setJson("2"))
            .build();

    assertThatThrownBy(() -> ProtoMapper.fromProto(message))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate member 'a'");
  }

  /** Converts a model value to its message, serializes it, parses the bytes and converts back. */
  static Object throughProtobuf(Object value) throws InvalidProtocolBufferException {
    if (value instanceof NodeInfo info) {
      return ProtoMapper.fromProto(
          io.agenttransport.grpc.internal.proto.NodeInfo.parseFrom(
              ProtoMapper.toProto(info).toByteArray()));
    }
    if (value instanceof StoreInfo info) {
      return ProtoMapper.fromProto(
          io.agenttransport.grpc.internal.proto.StoreInfo.parseFrom(
              ProtoMapper.toProto(info).toByteArray()));
    }
    if (value instanceof ShardList list) {
      return ProtoMapper.fromProto(
          io.agenttransport.grpc.internal.proto.ShardList.parseFrom(
              ProtoMapper.toProto(list).toByteArray()));
    }
    if (value instanceof ActionList list) {
      return ProtoMapper.fromProto(
          io.agenttransport.grpc.internal.proto.ActionList.parseFrom(
              ProtoMapper.toProto(list).toByteArray()));
    }
    if (value instanceof ActionRecord record) {
      return ProtoMapper.fromProto(
          io.agenttransport.grpc.internal.proto.ActionRecord.parseFrom(
              ProtoMapper.toProto(record).toByteArray()));
    }
    if (value instanceof ActionScheduleRequest request) {
      return ProtoMapper.fromProto(
          io.agenttransport.grpc.internal.proto.ScheduleActionRequest.parseFrom(
              ProtoMapper.toProto(request).toByteArray()));
    }
    if (value instanceof ActionScheduleResponse response) {
      return ProtoMapper.fromProto(
          io.agenttransport.grpc.internal.proto.ScheduleActionResponse.parseFrom(
              ProtoMapper.toProto(response).toByteArray()));
    }
    if (value instanceof ErrorBody body) {
      return ProtoMapper.fromProto(
          io.agenttransport.grpc.internal.proto.ErrorBody.parseFrom(
              ProtoMapper.toProto(body).toByteArray()));
    }
    throw new IllegalArgumentException("not a model type: " + value.getClass());
  }

  static byte[] fixture(String file) {
    try (InputStream in =
        ProtoMapperTest.class.getResourceAsStream("/agent-api/" + Objects.requireNonNull(file))) {
      return Objects.requireNonNull(in, file).readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode tree(byte[] json) throws IOException {
    return JSON.readTree(json);
  }
}
