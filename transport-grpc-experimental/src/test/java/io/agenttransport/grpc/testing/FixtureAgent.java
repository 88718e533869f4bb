package io.agenttransport.grpc.testing;

import io.agenttransport.api.Agent;
import io.agenttransport.api.AgentErrorException;
import io.agenttransport.api.ConflictException;
import io.agenttransport.json.AgentJson;
import io.agenttransport.model.ActionList;
import io.agenttransport.model.ActionPhase;
import io.agenttransport.model.ActionRecord;
import io.agenttransport.model.ActionScheduleRequest;
import io.agenttransport.model.ActionScheduleResponse;
import io.agenttransport.model.ActionState;
import io.agenttransport.model.ErrorBody;
import io.agenttransport.model.JsonValue;
import io.agenttransport.model.NodeInfo;
import io.agenttransport.model.ShardList;
import io.agenttransport.model.StoreInfo;
import io.agenttransport.model.Timestamp;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An agent that returns the agent API examples in {@code /agent-api/} and keeps scheduled actions
 * in memory, so that every variant of every document crosses the transport.
 *
 * <p>It accepts only kinds under {@code agent.replicante.io/test.}, rejects a duplicate id with a
 * conflict and records every schedule request it accepts. Tests subclass it to make one operation
 * fail or block.
 */
public class FixtureAgent implements Agent {
  private final Map<UUID, ActionRecord> actions = new ConcurrentHashMap<>();
  private final List<ActionScheduleRequest> scheduled = new CopyOnWriteArrayList<>();

  /** Decodes the example document {@code file} into {@code type}. */
  public static <T> T fixture(String file, Class<T> type) {
    return AgentJson.decode(fixtureBytes(file), type);
  }

  /** Returns the bytes of the example document {@code file}. */
  public static byte[] fixtureBytes(String file) {
    try (InputStream in = FixtureAgent.class.getResourceAsStream("/agent-api/" + file)) {
      return Objects.requireNonNull(in, file).readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the schedule requests accepted so far, in order. */
  public List<ActionScheduleRequest> scheduled() {
    return List.copyOf(scheduled);
  }

  @Override
  public NodeInfo nodeInfo() {
    return fixture("info-node.json", NodeInfo.class);
  }

  @Override
  public StoreInfo storeInfo() {
    return fixture("info-store.json", StoreInfo.class);
  }

  @Override
  public ShardList shards() {
    return fixture("info-shards.json", ShardList.class);
  }

  @Override
  public ActionList actionQueue() {
    return fixture("actions-queue.json", ActionList.class);
  }

  @Override
  public ActionList actionsFinished() {
    return fixture("actions-finished.json", ActionList.class);
  }

  @Override
  public Optional<ActionRecord> actionLookup(UUID id) {
    ActionRecord failed = fixture("action-lookup-failed.json", ActionRecord.class);
    if (failed.id().equals(id)) {
      return Optional.of(failed);
    }
    return Optional.ofNullable(actions.get(id));
  }

  @Override
  public ActionScheduleResponse scheduleAction(ActionScheduleRequest request) {
    if (!request.kind().startsWith("agent.replicante.io/test.")) {
      throw new AgentErrorException(
          400,
          new ErrorBody(
              "unknown action kind: " + request.kind(),
              "no handler registered for this kind",
              List.of("unknown action kind: " + request.kind())),
          null,
          null);
    }
    UUID id = request.id() == null ? UUID.randomUUID() : request.id();
    ActionRecord record = record(id, request);
    if (actions.putIfAbsent(id, record) != null) {
      throw new ConflictException(ErrorBody.of("action " + id + " already exists"), null, null);
    }
    scheduled.add(request);
    return new ActionScheduleResponse(id);
  }

  private static ActionRecord record(UUID id, ActionScheduleRequest request) {
    Timestamp now = Timestamp.of(Instant.now());
    return new ActionRecord(
        request.args() == null ? JsonValue.EMPTY_OBJECT : request.args(),
        request.createdTime() == null ? now : request.createdTime(),
        null,
        id,
        request.kind(),
        request.metadata() == null ? Map.of() : request.metadata(),
        now,
        new ActionState(ActionPhase.NEW, null, null, Map.of()),
        Map.of());
  }
}
