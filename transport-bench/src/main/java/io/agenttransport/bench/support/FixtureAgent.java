package io.agenttransport.bench.support;

import io.agenttransport.api.Agent;
import io.agenttransport.api.ConflictException;
import io.agenttransport.json.AgentJson;
import io.agenttransport.model.ActionList;
import io.agenttransport.model.ActionRecord;
import io.agenttransport.model.ActionScheduleRequest;
import io.agenttransport.model.ActionScheduleResponse;
import io.agenttransport.model.NodeInfo;
import io.agenttransport.model.ShardList;
import io.agenttransport.model.StoreInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An agent that answers with the agent API examples bundled in {@code /agent-api/}, so that every
 * benchmark carries the same realistic bodies, and that records scheduled action ids so that a
 * duplicate id is a conflict, as on a real agent. It runs no action.
 */
public final class FixtureAgent implements Agent {
  private final NodeInfo nodeInfo = read("info-node.json", NodeInfo.class);
  private final StoreInfo storeInfo = read("info-store.json", StoreInfo.class);
  private final ShardList shards = read("info-shards.json", ShardList.class);
  private final ActionList queue = read("actions-queue.json", ActionList.class);
  private final ActionList finished = read("actions-finished.json", ActionList.class);
  private final Set<UUID> scheduled = ConcurrentHashMap.newKeySet();

  @Override
  public NodeInfo nodeInfo() {
    return nodeInfo;
  }

  @Override
  public StoreInfo storeInfo() {
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
    return Optional.empty();
  }

  /**
   * Records the action id and returns it.
   *
   * @throws ConflictException if the id was scheduled before
   */
  @Override
  public ActionScheduleResponse scheduleAction(ActionScheduleRequest request) {
    UUID id = request.id() == null ? UUID.randomUUID() : request.id();
    if (!scheduled.add(id)) {
      throw new ConflictException(null, null, null);
    }
    return new ActionScheduleResponse(id);
  }

  private static <T> T read(String name, Class<T> type) {
    String resource = "/agent-api/" + name;
    try (InputStream input = FixtureAgent.class.getResourceAsStream(resource)) {
      if (input == null) {
        throw new IllegalStateException("resource " + resource + " is missing from the jar");
      }
      return AgentJson.decode(input.readAllBytes(), type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
