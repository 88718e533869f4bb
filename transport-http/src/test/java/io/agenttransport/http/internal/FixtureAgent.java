package io.agenttransport.http.internal;

import io.agenttransport.api.Agent;
import io.agenttransport.json.AgentJson;
import io.agenttransport.model.ActionList;
import io.agenttransport.model.ActionRecord;
import io.agenttransport.model.ActionScheduleRequest;
import io.agenttransport.model.ActionScheduleResponse;
import io.agenttransport.model.NodeInfo;
import io.agenttransport.model.ShardList;
import io.agenttransport.model.StoreInfo;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * An agent that answers with the agent API examples, and whose node info can be made to fail, for
 * tests of the server's mapping of results and errors.
 */
final class FixtureAgent implements Agent {
  private volatile Supplier<NodeInfo> nodeInfo = () -> decode("info-node.json", NodeInfo.class);

  static <T> T decode(String name, Class<T> type) {
    return AgentJson.decode(ResourceFiles.agentApi(name).getBytes(StandardCharsets.UTF_8), type);
  }

  /** Makes {@link #nodeInfo()} call {@code supplier}, which may throw. */
  void nodeInfo(Supplier<NodeInfo> supplier) {
    nodeInfo = supplier;
  }

  @Override
  public NodeInfo nodeInfo() {
    return nodeInfo.get();
  }

  @Override
  public StoreInfo storeInfo() {
    return decode("info-store.json", StoreInfo.class);
  }

  @Override
  public ShardList shards() {
    return decode("info-shards.json", ShardList.class);
  }

  @Override
  public ActionList actionQueue() {
    return decode("actions-queue.json", ActionList.class);
  }

  @Override
  public ActionList actionsFinished() {
    return decode("actions-finished.json", ActionList.class);
  }

  @Override
  public Optional<ActionRecord> actionLookup(UUID id) {
    return Optional.empty();
  }

  @Override
  public ActionScheduleResponse scheduleAction(ActionScheduleRequest request) {
    return new ActionScheduleResponse(request.id() == null ? UUID.randomUUID() : request.id());
  }
}
