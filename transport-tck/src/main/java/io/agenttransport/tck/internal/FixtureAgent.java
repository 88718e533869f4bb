package io.agenttransport.tck.internal;

import io.agenttransport.api.Agent;
import io.agenttransport.model.ActionList;
import io.agenttransport.model.ActionRecord;
import io.agenttransport.model.ActionScheduleRequest;
import io.agenttransport.model.ActionScheduleResponse;
import io.agenttransport.model.NodeInfo;
import io.agenttransport.model.ShardList;
import io.agenttransport.model.StoreInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * An agent that returns a fixture document for every operation and records the schedule requests it
 * receives, so that a rule can compare what crossed the wire with what was sent.
 */
public final class FixtureAgent implements Agent {
  private final NodeInfo nodeInfo;
  private final StoreInfo storeInfo;
  private final ShardList shards;
  private final ActionList queue;
  private final ActionList finished;
  private final Map<UUID, ActionRecord> records;
  private final ActionScheduleResponse scheduleResponse;
  private final List<ActionScheduleRequest> received = new CopyOnWriteArrayList<>();
  private volatile @Nullable RuntimeException storeInfoFailure;

  /** Creates an agent that serves {@code nodeFixture} as its node info. */
  public FixtureAgent(String nodeFixture) {
    nodeInfo = Fixtures.decode(nodeFixture, NodeInfo.class);
    storeInfo = Fixtures.decode("info-store.json", StoreInfo.class);
    shards = Fixtures.decode("info-shards.json", ShardList.class);
    queue = Fixtures.decode("actions-queue.json", ActionList.class);
    finished = Fixtures.decode("actions-finished.json", ActionList.class);
    ActionRecord running = Fixtures.decode("action-lookup-running.json", ActionRecord.class);
    ActionRecord failed = Fixtures.decode("action-lookup-failed.json", ActionRecord.class);
    records = Map.of(running.id(), running, failed.id(), failed);
    scheduleResponse =
        Fixtures.decode("action-schedule-response.json", ActionScheduleResponse.class);
  }

  /** Makes every store info call throw {@code failure}, to test error mapping; returns this. */
  public FixtureAgent failStoreInfoWith(RuntimeException failure) {
    this.storeInfoFailure = failure;
    return this;
  }

  /** Returns the schedule requests received so far, in order. */
  public List<ActionScheduleRequest> received() {
    return List.copyOf(received);
  }

  @Override
  public NodeInfo nodeInfo() {
    return nodeInfo;
  }

  @Override
  public StoreInfo storeInfo() {
    RuntimeException failure = storeInfoFailure;
    if (failure != null) {
      throw failure;
    }
    return storeInfo;
  }

  @Override
  public ShardList shards() {
    return shards;
  }

  @Override
  public ActionList actionQueue() {
    return queue;
  }

  @Override
  public ActionList actionsFinished() {
    return finished;
  }

  @Override
  public Optional<ActionRecord> actionLookup(UUID id) {
    return Optional.ofNullable(records.get(id));
  }

  @Override
  public ActionScheduleResponse scheduleAction(ActionScheduleRequest request) {
    received.add(request);
    return scheduleResponse;
  }
}
