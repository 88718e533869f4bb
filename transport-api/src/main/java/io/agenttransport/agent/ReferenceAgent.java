package io.agenttransport.agent;

import io.agenttransport.api.Agent;
import io.agenttransport.model.ActionList;
import io.agenttransport.model.ActionRecord;
import io.agenttransport.model.ActionScheduleRequest;
import io.agenttransport.model.ActionScheduleResponse;
import io.agenttransport.model.NodeInfo;
import io.agenttransport.model.ShardList;
import io.agenttransport.model.StoreInfo;
import java.util.Optional;
import java.util.UUID;

/**
 * An in-memory agent with a real action queue that runs actions in order on its own executor.
 *
 * <p>It knows the test kinds {@code agent.replicante.io/test.success}, {@code
 * agent.replicante.io/test.fail} and {@code agent.replicante.io/test.loop}, and rejects any other
 * kind with status 400. Scheduling is idempotent by action id: a duplicate id is a conflict and the
 * first record wins.
 */
public final class ReferenceAgent implements Agent, AutoCloseable {
  // TODO: implement (api work in progress)

  private ReferenceAgent() {}

  /** Creates an agent that reports {@code nodeId} as its node id. */
  public static ReferenceAgent create(String nodeId) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  @Override
  public NodeInfo nodeInfo() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  @Override
  public StoreInfo storeInfo() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  @Override
  public ShardList shards() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  @Override
  public ActionList actionQueue() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  @Override
  public ActionList actionsFinished() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  @Override
  public Optional<ActionRecord> actionLookup(UUID id) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  @Override
  public ActionScheduleResponse scheduleAction(ActionScheduleRequest request) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Stops the action executor; actions still queued stay {@code NEW}. */
  @Override
  public void close() {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
