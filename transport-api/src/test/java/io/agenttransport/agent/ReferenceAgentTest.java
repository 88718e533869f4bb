package io.agenttransport.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agenttransport.api.AgentErrorException;
import io.agenttransport.api.ConflictException;
import io.agenttransport.model.ActionPhase;
import io.agenttransport.model.ActionRecord;
import io.agenttransport.model.ActionScheduleRequest;
import io.agenttransport.model.ActionSummary;
import io.agenttransport.model.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReferenceAgentTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final ReferenceAgent agent = ReferenceAgent.create("node-1");

  @AfterEach
  void closeAgent() {
    agent.close();
  }

  @Test
  void infoUsesNodeId() {
    assertThat(agent.nodeInfo().nodeId()).isEqualTo("node-1");
    assertThat(agent.storeInfo().clusterId()).isNotBlank();
    assertThat(agent.shards().shards()).isNotEmpty();
  }

  @Test
  void successEndsDone() {
    UUID id = schedule(ActionKinds.SUCCESS, "{\"delay_ms\":5}");

    ActionRecord record = awaitFinished(id);

    assertThat(record.state().phase()).isEqualTo(ActionPhase.DONE);
    assertThat(record.state().payload()).isEqualTo(JsonValue.parse("{\"delay_ms\":5}"));
    assertThat(record.finishedTime()).isNotNull();
  }

  @Test
  void failEndsFailedWithError() {
    UUID id = schedule(ActionKinds.FAIL, "{}");

    ActionRecord record = awaitFinished(id);

    assertThat(record.state().phase()).isEqualTo(ActionPhase.FAILED);
    assertThat(record.state().error().json()).contains("action failed on purpose");
  }

  @Test
  void recordKeepsRequestFields() {
    ActionScheduleRequest request =
        ActionScheduleRequest.create(ActionKinds.SUCCESS, JsonValue.parse("{\"x\":[1]}"));
    request =
        new ActionScheduleRequest(
            request.kind(),
            request.id(),
            request.args(),
            request.createdTime(),
            Map.of("requested_by", "test"),
            Map.of());

    agent.scheduleAction(request);
    ActionRecord record = agent.actionLookup(request.id()).orElseThrow();

    assertThat(record.args()).isEqualTo(request.args());
    assertThat(record.createdTime()).isEqualTo(request.createdTime());
    assertThat(record.metadata()).containsEntry("requested_by", "test");
  }

  @Test
  void missingIdGetsRandomUuid() {
    ActionScheduleRequest request =
        new ActionScheduleRequest(ActionKinds.SUCCESS, null, null, null, null, Map.of());

    UUID id = agent.scheduleAction(request).id();

    assertThat(agent.actionLookup(id)).isPresent();
  }

  @Test
  void duplicateIdKeepsFirstRecord() {
    UUID id = schedule(ActionKinds.SUCCESS, "{}");
    ActionScheduleRequest second =
        ActionScheduleRequest.create(ActionKinds.FAIL, JsonValue.EMPTY_OBJECT).withId(id);

    assertThatThrownBy(() -> agent.scheduleAction(second))
        .isInstanceOfSatisfying(
            ConflictException.class, e -> assertThat(e.status()).isEqualTo(409));
    assertThat(awaitFinished(id).kind()).isEqualTo(ActionKinds.SUCCESS);
  }

  @Test
  void unknownKindIsBadRequest() {
    ActionScheduleRequest request =
        ActionScheduleRequest.create("agent.replicante.io/does.not.exist", JsonValue.EMPTY_OBJECT);

    assertThatThrownBy(() -> agent.scheduleAction(request))
        .isInstanceOfSatisfying(
            AgentErrorException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining("unknown action kind: agent.replicante.io/does.not.exist");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "test.success",
        "agent.replicante.io/../test.success",
        "agent.replicante.io/test..success",
        "agent.replicante.io%2Ftest.success",
        "agent.replicante.io/test.success/extra",
        "agent.replicante.io/test.success\u0000",
        "agent.replicante.io/t\u0435st.success",
        "Agent.replicante.io/test.success",
        "agent.replicante.io/test success"
      })
  void invalidKindIsBadRequest(String kind) {
    ActionScheduleRequest request = ActionScheduleRequest.create(kind, JsonValue.EMPTY_OBJECT);

    assertThatThrownBy(() -> agent.scheduleAction(request))
        .isInstanceOfSatisfying(
            AgentErrorException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining("invalid action kind")
        .hasMessageNotContaining("\u0000");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"delay_ms\":-1}", "{\"delay_ms\":1.5}", "{\"delay_ms\":\"5\"}", "[]"})
  void invalidArgsAreBadRequest(String args) {
    ActionScheduleRequest request =
        ActionScheduleRequest.create(ActionKinds.SUCCESS, JsonValue.parse(args));

    assertThatThrownBy(() -> agent.scheduleAction(request))
        .isInstanceOfSatisfying(
            AgentErrorException.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  @Test
  void actionsRunInScheduleOrder() {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ids.add(schedule(i % 3 == 0 ? ActionKinds.FAIL : ActionKinds.SUCCESS, "{\"delay_ms\":1}"));
    }

    awaitFinished(ids.get(ids.size() - 1));

    assertThat(agent.actionsFinished().actions()).extracting(ActionSummary::id).isEqualTo(ids);
    assertThat(agent.actionQueue().actions()).isEmpty();
  }

  @Test
  void queueShowsWaitingActionsOldestFirst() {
    UUID loop = schedule(ActionKinds.LOOP, "{}");
    UUID next = schedule(ActionKinds.SUCCESS, "{}");
    UUID last = schedule(ActionKinds.FAIL, "{}");

    await(() -> phase(loop) == ActionPhase.RUNNING);

    assertThat(agent.actionQueue().actions())
        .extracting(ActionSummary::id, ActionSummary::phase)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(loop, ActionPhase.RUNNING),
            org.assertj.core.groups.Tuple.tuple(next, ActionPhase.NEW),
            org.assertj.core.groups.Tuple.tuple(last, ActionPhase.NEW));
  }

  @Test
  void loopRunsUntilClose() {
    UUID id = schedule(ActionKinds.LOOP, "{}");
    await(() -> agent.actionLookup(id).orElseThrow().state().payload() != null);

    agent.close();

    ActionRecord record = agent.actionLookup(id).orElseThrow();
    assertThat(record.state().phase()).isEqualTo(ActionPhase.FAILED);
    assertThat(record.state().error().json()).contains("the agent closed");
  }

  @Test
  void loopStopsAfterIterations() {
    UUID id = schedule(ActionKinds.LOOP, "{\"iterations\":3}");

    ActionRecord record = awaitFinished(id);

    assertThat(record.state().phase()).isEqualTo(ActionPhase.DONE);
    assertThat(record.state().payload()).isEqualTo(JsonValue.parse("{\"iterations\":3}"));
  }

  @Test
  void closedAgentRejectsScheduling() {
    agent.close();

    assertThatThrownBy(() -> schedule(ActionKinds.SUCCESS, "{}"))
        .isInstanceOfSatisfying(
            AgentErrorException.class, e -> assertThat(e.status()).isEqualTo(503));
  }

  @Test
  void historyIsBounded() {
    UUID first = schedule(ActionKinds.SUCCESS, "{}");
    UUID last = first;
    for (int i = 0; i < ReferenceAgent.HISTORY; i++) {
      last = schedule(ActionKinds.SUCCESS, "{}");
    }

    awaitFinished(last);

    assertThat(agent.actionsFinished().actions()).hasSize(ReferenceAgent.HISTORY);
    assertThat(agent.actionLookup(first)).isEmpty();
  }

  @Test
  void concurrentSchedulingAcceptsEachIdOnce() throws Exception {
    int threads = 8;
    int perThread = 50;
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < perThread; i++) {
      ids.add(UUID.randomUUID());
    }
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger conflicts = new AtomicInteger();
    Map<UUID, Boolean> seen = new ConcurrentHashMap<>();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Callable<Void> task =
            () -> {
              start.await();
              for (UUID id : ids) {
                try {
                  agent.scheduleAction(
                      ActionScheduleRequest.create(ActionKinds.SUCCESS, JsonValue.EMPTY_OBJECT)
                          .withId(id));
                  accepted.incrementAndGet();
                  seen.put(id, true);
                } catch (ConflictException e) {
                  conflicts.incrementAndGet();
                }
              }
              return null;
            };
        futures.add(pool.submit(task));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(accepted.get()).isEqualTo(perThread);
    assertThat(conflicts.get()).isEqualTo(perThread * (threads - 1));
    assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    await(() -> agent.actionsFinished().actions().size() == perThread);
    assertThat(agent.actionsFinished().actions()).allMatch(a -> a.phase() == ActionPhase.DONE);
  }

  private UUID schedule(String kind, String args) {
    return agent.scheduleAction(ActionScheduleRequest.create(kind, JsonValue.parse(args))).id();
  }

  private ActionPhase phase(UUID id) {
    return agent.actionLookup(id).orElseThrow().state().phase();
  }

  private ActionRecord awaitFinished(UUID id) {
    await(() -> phase(id).isFinished());
    return agent.actionLookup(id).orElseThrow();
  }

  /** Polls {@code condition} until it holds, failing after {@link #WAIT}. */
  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within %s", WAIT).isLessThan(deadline);
      Thread.onSpinWait();
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
