package io.agenttransport.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenttransport.model.ActionList;
import io.agenttransport.model.ActionPhase;
import io.agenttransport.model.ActionRecord;
import io.agenttransport.model.ActionScheduleRequest;
import io.agenttransport.model.ActionScheduleResponse;
import io.agenttransport.model.ErrorBody;
import io.agenttransport.model.JsonValue;
import io.agenttransport.model.NodeInfo;
import io.agenttransport.model.NodeStatus;
import io.agenttransport.model.OffsetUnit;
import io.agenttransport.model.ShardList;
import io.agenttransport.model.ShardRole;
import io.agenttransport.model.StoreInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AgentJsonTest {
  private static final ObjectMapper PLAIN = new ObjectMapper();

  static Stream<Arguments> fixtures() {
    return Stream.of(
        Arguments.of("action-lookup-failed.json", ActionRecord.class),
        Arguments.of("action-lookup-running.json", ActionRecord.class),
        Arguments.of("action-schedule-request-minimal.json", ActionScheduleRequest.class),
        Arguments.of("action-schedule-request.json", ActionScheduleRequest.class),
        Arguments.of("action-schedule-response.json", ActionScheduleResponse.class),
        Arguments.of("actions-finished.json", ActionList.class),
        Arguments.of("actions-queue.json", ActionList.class),
        Arguments.of("error-body.json", ErrorBody.class),
        Arguments.of("info-node-status-unknown.json", NodeInfo.class),
        Arguments.of("info-node.json", NodeInfo.class),
        Arguments.of("info-shards.json", ShardList.class),
        Arguments.of("info-store.json", StoreInfo.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void fixtureRoundTrips(String file, Class<?> type) throws IOException {
    byte[] original = fixture(file);

    byte[] encoded = AgentJson.encode(AgentJson.decode(original, type));

    assertThat(PLAIN.readTree(encoded)).isEqualTo(PLAIN.readTree(original));
  }

  @Test
  void nodeInfoReadsEveryField() throws IOException {
    NodeInfo info = AgentJson.decode(fixture("info-node.json"), NodeInfo.class);

    assertThat(info.nodeId()).isEqualTo("i-0a1b2c3d");
    assertThat(info.nodeStatus()).isEqualTo(NodeStatus.of(NodeStatus.Kind.HEALTHY));
    assertThat(info.address().extra()).containsEntry("admin", "db-1.internal:28017");
    assertThat(info.agentVersion().extra()).isEqualTo("not tainted");
    assertThat(info.storeVersion().checkout()).isNull();
    assertThat(info.attributes())
        .containsEntry("store.example.com/priority", JsonValue.parse("2"))
        .containsEntry("store.example.com/hidden", JsonValue.NULL);
  }

  @Test
  void nodeStatusUnknownKeepsReason() throws IOException {
    NodeInfo info = AgentJson.decode(fixture("info-node-status-unknown.json"), NodeInfo.class);

    assertThat(info.nodeStatus())
        .isEqualTo(NodeStatus.unknown("replication state query timed out"));
  }

  @Test
  void shardsReadRolesAndUnits() throws IOException {
    ShardList shards = AgentJson.decode(fixture("info-shards.json"), ShardList.class);

    assertThat(shards.shards().get(3).role()).isEqualTo(ShardRole.other("arbiter"));
    assertThat(shards.shards().get(3).commitOffset().unit())
        .isEqualTo(OffsetUnit.custom("wal-bytes"));
    assertThat(shards.shards().get(1).lag().value()).isEqualTo(250);
    assertThat(shards.shards().get(0).lag()).isNull();
  }

  @Test
  void minimalScheduleRequestLeavesFieldsAbsent() throws IOException {
    ActionScheduleRequest request =
        AgentJson.decode(
            fixture("action-schedule-request-minimal.json"), ActionScheduleRequest.class);

    assertThat(request.id()).isNull();
    assertThat(request.args()).isNull();
    assertThat(request.metadata()).isNull();
    assertThat(new String(AgentJson.encode(request), StandardCharsets.UTF_8))
        .isEqualTo("{\"kind\":\"agent.replicante.io/test.success\"}");
  }

  @Test
  void unknownFieldsSurviveRoundTrip() throws IOException {
    String json =
        "{\"actions\":[{\"id\":\"6f8e2a40-3c1b-4d5e-9f7a-0b1c2d3e4f50\",\"kind\":\"a/b\","
            + "\"phase\":\"NEW\",\"priority\":{\"level\":[1,2.50]}}]}";

    ActionList list = AgentJson.decode(bytes(json), ActionList.class);
    byte[] encoded = AgentJson.encode(list);

    assertThat(list.actions().get(0).unknownFields())
        .containsEntry("priority", JsonValue.parse("{\"level\":[1,2.50]}"));
    assertThat(PLAIN.readTree(encoded)).isEqualTo(PLAIN.readTree(json));
  }

  @Test
  void numbersStayExact() {
    String json = "[12345678901234567890123,0.1000000000000000000000001,1.50]";

    String normalized = AgentJson.normalize(json);

    assertThat(normalized).isEqualTo(json);
  }

  @Test
  void normalizeMakesCompactText() {
    String normalized = AgentJson.normalize(" { \"a\" : [ 1 , true , null ] } ");

    assertThat(normalized).isEqualTo("{\"a\":[1,true,null]}");
  }

  @Test
  void normalizeRejectsTwoValues() {
    assertThatThrownBy(() -> AgentJson.normalize("{} {}"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static Stream<Arguments> malformed() {
    String id = "\"id\":\"6f8e2a40-3c1b-4d5e-9f7a-0b1c2d3e4f50\"";
    String state = ",\"state\":{\"phase\":\"DOING\"}";
    return Stream.of(
        Arguments.of(
            "wrong type",
            "{\"cluster_id\":7,\"attributes\":{}}",
            StoreInfo.class,
            "$.cluster_id",
            "invalid value 7 (number): expected a string"),
        Arguments.of(
            "missing field",
            "{\"attributes\":{}}",
            StoreInfo.class,
            "$.cluster_id",
            "missing required field"),
        Arguments.of(
            "object attribute",
            "{\"cluster_id\":\"c\",\"attributes\":{\"a.b/c\":{\"x\":1}}}",
            StoreInfo.class,
            "$.attributes['a.b/c']",
            "expected a string, number, boolean or null attribute value"),
        Arguments.of(
            "array attribute",
            "{\"cluster_id\":\"c\",\"attributes\":{\"list\":[1]}}",
            StoreInfo.class,
            "$.attributes.list",
            "[1] (array)"),
        Arguments.of(
            "unknown phase",
            "{\"args\":{},\"created_time\":\"2026-12-04T10:16:00Z\",\"finished_time\":null,"
                + id
                + ",\"kind\":\"a/b\",\"metadata\":{},"
                + "\"scheduled_time\":\"2026-12-04T10:16:00Z\""
                + state
                + "}",
            ActionRecord.class,
            "$.state.phase",
            "invalid value \"DOING\" (string): expected an action phase, one of NEW, RUNNING"),
        Arguments.of(
            "unknown role",
            "{\"shards\":[{\"id\":\"s\",\"role\":\"Leader\"}]}",
            ShardList.class,
            "$.shards[0].role",
            "expected Primary, Secondary, Recovering or {\"Other\": name}"),
        Arguments.of(
            "unknown unit",
            "{\"shards\":[{\"id\":\"s\",\"role\":\"Primary\","
                + "\"lag\":{\"unit\":\"hours\",\"value\":1}}]}",
            ShardList.class,
            "$.shards[0].lag.unit",
            "expected seconds, milliseconds or {\"unit\": name}"),
        Arguments.of(
            "fractional offset",
            "{\"shards\":[{\"id\":\"s\",\"role\":\"Primary\","
                + "\"lag\":{\"unit\":\"seconds\",\"value\":1.5}}]}",
            ShardList.class,
            "$.shards[0].lag.value",
            "expected an integer that fits in 64 bits"),
        Arguments.of(
            "unknown node status",
            nodeInfo("\"SLEEPING\""),
            NodeInfo.class,
            "$.node_status",
            "expected a node status, one of UNAVAILABLE"),
        Arguments.of(
            "bare unknown status",
            nodeInfo("\"UNKNOWN\""),
            NodeInfo.class,
            "$.node_status",
            "{\"UNKNOWN\": reason}"),
        Arguments.of(
            "invalid uuid",
            "{\"id\":\"not-a-uuid\"}",
            ActionScheduleResponse.class,
            "$.id",
            "expected a UUID"),
        Arguments.of(
            "invalid timestamp",
            "{\"kind\":\"a/b\",\"created_time\":\"yesterday\"}",
            ActionScheduleRequest.class,
            "$.created_time",
            "expected an RFC 3339 timestamp"),
        Arguments.of(
            "non-string metadata",
            "{\"kind\":\"a/b\",\"metadata\":{\"n\":1}}",
            ActionScheduleRequest.class,
            "$.metadata.n",
            "expected a string"),
        Arguments.of(
            "duplicate key",
            "{\"kind\":\"a/b\",\"kind\":\"c/d\"}",
            ActionScheduleRequest.class,
            "$.kind",
            "Duplicate field 'kind'"),
        Arguments.of(
            "not an object", "[]", ActionScheduleResponse.class, "$", "expected a JSON object"),
        Arguments.of(
            "error trail type",
            "{\"error\":true,\"error_msg\":\"m\",\"error_trail\":[\"a\",2]}",
            ErrorBody.class,
            "$.error_trail[1]",
            "expected a string"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void malformedNamesPath(String name, String json, Class<?> type, String path, String message) {
    assertThatThrownBy(() -> AgentJson.decode(bytes(json), type))
        .isInstanceOfSatisfying(
            JsonDecodeException.class, e -> assertThat(e.path()).isEqualTo(path))
        .hasMessageContaining(message);
  }

  @Test
  void deepNestingFailsWithoutStackOverflow() {
    String json = "{\"kind\":\"a/b\",\"args\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";

    assertThatThrownBy(() -> AgentJson.decode(bytes(json), ActionScheduleRequest.class))
        .isInstanceOf(JsonDecodeException.class)
        .hasMessageContaining("$.args")
        .hasMessageContaining("nesting depth");
  }

  @Test
  void longStringFails() {
    String json = "{\"kind\":\"" + "k".repeat(70_000) + "\"}";

    assertThatThrownBy(() -> AgentJson.decode(bytes(json), ActionScheduleRequest.class))
        .isInstanceOf(JsonDecodeException.class)
        .hasMessageContaining("$.kind")
        .hasMessageContaining("String value length");
  }

  @Test
  void longNumberFails() {
    String json = "{\"kind\":\"a/b\",\"args\":{\"n\":" + "9".repeat(100) + "}}";

    assertThatThrownBy(() -> AgentJson.decode(bytes(json), ActionScheduleRequest.class))
        .isInstanceOf(JsonDecodeException.class)
        .hasMessageContaining("$.args.n")
        .hasMessageContaining("Number value length");
  }

  @Test
  void customLimitsApply() {
    String json = "{\"kind\":\"a/b\",\"args\":[[[1]]]}";
    JsonLimits shallow = new JsonLimits(2, 100, 10);

    assertThatThrownBy(() -> AgentJson.decode(bytes(json), ActionScheduleRequest.class, shallow))
        .isInstanceOf(JsonDecodeException.class)
        .hasMessageContaining("nesting depth");
  }

  @Test
  void encodeRejectsOtherTypes() {
    assertThatThrownBy(() -> AgentJson.encode("text"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.String");
  }

  @Test
  void errorBodyWritesFlag() throws IOException {
    byte[] encoded = AgentJson.encode(ErrorBody.of("boom"));

    JsonNode tree = PLAIN.readTree(encoded);
    assertThat(tree.get("error").booleanValue()).isTrue();
    assertThat(tree.get("error_msg").textValue()).isEqualTo("boom");
    assertThat(tree.has("error_cause")).isFalse();
  }

  @Test
  void phaseSurvivesSummary() throws IOException {
    ActionList list = AgentJson.decode(fixture("actions-finished.json"), ActionList.class);

    assertThat(list.actions())
        .extracting(a -> a.phase())
        .containsExactly(ActionPhase.FAILED, ActionPhase.DONE);
  }

  private static String nodeInfo(String status) {
    return "{\"address\":{\"client\":\"c\",\"member\":\"m\"},"
        + "\"agent_version\":{\"checkout\":null,\"number\":\"1\",\"taint\":null},"
        + "\"attributes\":{},\"node_id\":\"n\",\"node_status\":"
        + status
        + ",\"store_id\":\"s\",\"store_version\":{\"checkout\":null,\"number\":\"1\","
        + "\"extra\":null}}";
  }

  private static byte[] fixture(String file) throws IOException {
    try (InputStream in = AgentJsonTest.class.getResourceAsStream("/agent-api/" + file)) {
      assertThat(in).as(file).isNotNull();
      return in.readAllBytes();
    }
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
