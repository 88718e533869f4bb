package io.agenttransport.agent;

import io.agenttransport.api.Agent;
import io.agenttransport.api.AgentErrorException;
import io.agenttransport.api.ConflictException;
import io.agenttransport.model.ActionList;
import io.agenttransport.model.ActionPhase;
import io.agenttransport.model.ActionRecord;
import io.agenttransport.model.ActionScheduleRequest;
import io.agenttransport.model.ActionScheduleResponse;
import io.agenttransport.model.ActionState;
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
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory agent with a real action queue that runs actions in order on its own executor.
 *
 * <p>It runs the test kinds {@code agent.replicante.io/test.success}, {@code
 * agent.replicante.io/test.fail} and {@code agent.replicante.io/test.loop}, and rejects any other
 * kind with status 400. Scheduling is idempotent by action id: a duplicate id is a conflict and the
 * first record wins.
 *
 * <p>{@code test.success} waits for the optional integer argument {@code delay_ms}, then is {@code
 * DONE}. {@code test.fail} ends {@code FAILED} with an error. {@code test.loop} stays {@code
 * RUNNING} until {@code iterations} loops of 10 ms have run, or until the agent closes when that
 * argument is absent or 0. The finished list keeps the latest {@value #HISTORY} actions. Older ones
 * are forgotten, so that their ids can no longer be looked up. Thread safe.
 */
public final class ReferenceAgent implements Agent, AutoCloseable {
  /** How many finished actions are kept. */
  public static final int HISTORY = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(ReferenceAgent.class);

  private final String nodeId;
  private final Clock clock;
  private final ExecutorService executor;
  private final Object lock = new Object();
  private final Map<UUID, ActionRecord> records = new LinkedHashMap<>();
  private final Map<UUID, ActionRecord> queue = new LinkedHashMap<>();
  private final ArrayDeque<UUID> finished = new ArrayDeque<>();
  private boolean closed;

  private ReferenceAgent(String nodeId, Clock clock) {
    this.nodeId = nodeId;
    this.clock = clock;
    this.executor =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "reference-agent-actions-" + nodeId);
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Creates an agent that reports {@code nodeId} as its node id. */
  public static ReferenceAgent create(String nodeId) {
    return create(nodeId, Clock.systemUTC());
  }

  /** Creates an agent that reports {@code nodeId} and stamps actions with {@code clock}. */
  public static ReferenceAgent create(String nodeId, Clock clock) {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(clock, "clock");
    return new ReferenceAgent(nodeId, clock);
  }

  @Override
  public NodeInfo nodeInfo() {
    return new NodeInfo(
        new NodeAddress("127.0.0.1:27017", "127.0.0.1:27018", Map.of()),
        new VersionInfo(null, "0.1.0", "not tainted"),
        Map.of("reference.agenttransport.io/in-memory", JsonValue.parse("true")),
        nodeId,
        NodeStatus.of(NodeStatus.Kind.HEALTHY),
        "reference/in-memory",
        new VersionInfo(null, "1.0.0", null),
        Map.of());
  }

  @Override
  public StoreInfo storeInfo() {
    return new StoreInfo(
        "reference-cluster",
        Map.of("reference.agenttransport.io/members", JsonValue.parse("1")),
        Map.of());
  }

  @Override
  public ShardList shards() {
    OffsetUnit seconds = OffsetUnit.of(OffsetUnit.Kind.SECONDS);
    long now = clock.instant().getEpochSecond();
    return new ShardList(
        List.of(
            new ShardInfo(
                "shard-0",
                ShardRole.of(ShardRole.Kind.PRIMARY),
                new ShardOffset(seconds, now),
                null,
                Map.of()),
            new ShardInfo(
                "shard-1",
                ShardRole.of(ShardRole.Kind.SECONDARY),
                new ShardOffset(seconds, now - 1),
                new ShardOffset(OffsetUnit.of(OffsetUnit.Kind.MILLISECONDS), 1000),
                Map.of())));
  }

  @Override
  public ActionList actionQueue() {
    synchronized (lock) {
      return new ActionList(queue.values().stream().map(ActionRecord::summary).toList());
    }
  }

  @Override
  public ActionList actionsFinished() {
    synchronized (lock) {
      return new ActionList(finished.stream().map(id -> records.get(id).summary()).toList());
    }
  }

  @Override
  public Optional<ActionRecord> actionLookup(UUID id) {
    synchronized (lock) {
      return Optional.ofNullable(records.get(id));
    }
  }

  @Override
  public ActionScheduleResponse scheduleAction(ActionScheduleRequest request) {
    Objects.requireNonNull(request, "request");
    ActionKinds.requireKnown(request.kind());
    JsonValue args = request.args() == null ? JsonValue.EMPTY_OBJECT : request.args();
    ActionRunner.checkArgs(request.kind(), args);
    UUID id = request.id() == null ? UUID.randomUUID() : request.id();
    ActionRecord record = newRecord(request, id, args);
    synchronized (lock) {
      if (closed) {
        throw new AgentErrorException(503, ErrorBody.of("the agent is closed"), null, null);
      }
      if (records.containsKey(id)) {
        throw new ConflictException(
            ErrorBody.of("an action with id " + id + " already exists"), null, null);
      }
      records.put(id, record);
      queue.put(id, record);
      submit(id);
    }
    return new ActionScheduleResponse(id);
  }

  /** Stops the action executor; actions still queued stay {@code NEW}. */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
    }
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("Action thread of agent {} did not stop within 5 s", nodeId);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private ActionRecord newRecord(ActionScheduleRequest request, UUID id, JsonValue args) {
    Timestamp now = Timestamp.of(clock.instant());
    return new ActionRecord(
        args,
        request.createdTime() == null ? now : request.createdTime(),
        null,
        id,
        request.kind(),
        request.metadata() == null ? Map.of() : request.metadata(),
        now,
        new ActionState(ActionPhase.NEW, null, null, Map.of()),
        Map.of());
  }

  /** Queues the run of {@code id}. Callers hold the lock, so that run order is schedule order. */
  private void submit(UUID id) {
    try {
      executor.execute(() -> run(id));
    } catch (RejectedExecutionException e) {
      LOG.warn("Action {} stays NEW because agent {} is closing", id, nodeId, e);
    }
  }

  private void run(UUID id) {
    ActionRecord record = update(id, ActionPhase.RUNNING, null, null, false);
    try {
      ActionRunner.Outcome outcome =
          ActionRunner.run(
              record.kind(),
              record.args(),
              done ->
                  update(
                      id,
                      ActionPhase.RUNNING,
                      JsonValue.parse("{\"iterations_done\":" + done + "}"),
                      null,
                      false));
      ActionPhase phase = outcome.success() ? ActionPhase.DONE : ActionPhase.FAILED;
      update(id, phase, outcome.payload(), outcome.error(), true);
    } catch (InterruptedException e) {
      JsonValue error =
          JsonValue.parse("{\"error_msg\":\"the agent closed while the action ran\"}");
      update(id, ActionPhase.FAILED, null, error, true);
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("Action {} of kind {} failed on agent {}", id, record.kind(), nodeId, e);
      JsonValue error = JsonValue.parse("{\"error_msg\":\"the action threw an exception\"}");
      update(id, ActionPhase.FAILED, null, error, true);
    }
  }

  /** Replaces the state of {@code id} and moves a finished action to the bounded history. */
  private ActionRecord update(
      UUID id,
      ActionPhase phase,
      @Nullable JsonValue payload,
      @Nullable JsonValue error,
      boolean finish) {
    synchronized (lock) {
      ActionRecord old = records.get(id);
      ActionRecord record =
          new ActionRecord(
              old.args(),
              old.createdTime(),
              finish ? Timestamp.of(clock.instant()) : null,
              id,
              old.kind(),
              old.metadata(),
              old.scheduledTime(),
              new ActionState(phase, error, payload, Map.of()),
              Map.of());
      records.put(id, record);
      if (finish) {
        queue.remove(id);
        remember(id);
      } else {
        queue.put(id, record);
      }
      return record;
    }
  }

  private void remember(UUID id) {
    finished.addLast(id);
    while (finished.size() > HISTORY) {
      records.remove(finished.removeFirst());
    }
  }
}
