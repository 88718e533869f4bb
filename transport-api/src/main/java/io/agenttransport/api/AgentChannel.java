package io.agenttransport.api;

import io.agenttransport.model.ActionList;
import io.agenttransport.model.ActionRecord;
import io.agenttransport.model.ActionScheduleRequest;
import io.agenttransport.model.ActionScheduleResponse;
import io.agenttransport.model.NodeInfo;
import io.agenttransport.model.ShardList;
import io.agenttransport.model.StoreInfo;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Core's channel to one agent, carrying the seven operations of the agent API.
 *
 * <p>Every method returns at once; the future completes on a transport thread with the result or
 * with a {@link TransportException} subclass that says what failed. Cancelling a future cancels the
 * call. A channel is safe to use from many threads at once. It holds no connection of its own while
 * idle: opening many channels is cheap, and fan-out to thousands of agents needs no thread per
 * agent.
 *
 * <p>{@link #close()} is idempotent; calls made after it fail with {@link ChannelClosedException}.
 */
public interface AgentChannel extends AutoCloseable {
  /** Returns the address of the agent this channel talks to. */
  AgentAddress address();

  /** Fetches the node information of the agent. */
  CompletableFuture<NodeInfo> nodeInfo(CallOptions options);

  /** Fetches the datastore information of the agent. */
  CompletableFuture<StoreInfo> storeInfo(CallOptions options);

  /** Fetches the shards on the agent's node. */
  CompletableFuture<ShardList> shards(CallOptions options);

  /** Fetches the actions waiting or running on the agent, oldest first. */
  CompletableFuture<ActionList> actionQueue(CallOptions options);

  /** Fetches the actions the agent has finished, oldest first. */
  CompletableFuture<ActionList> actionsFinished(CallOptions options);

  /**
   * Fetches one action record.
   *
   * <p>Fails with {@link NotFoundException} if the agent has no action with that id.
   */
  CompletableFuture<ActionRecord> actionLookup(UUID id, CallOptions options);

  /**
   * Schedules an action. The request is signed with core's key.
   *
   * <p>Fails with {@link ConflictException} if the agent already has an action with that id; core
   * treats that as "already scheduled", so a retry after a timeout is safe. Fails with {@link
   * RequestRejectedException} without sending anything if the channel is not mutual TLS or no
   * signing key is configured.
   */
  CompletableFuture<ActionScheduleResponse> scheduleAction(
      ActionScheduleRequest request, CallOptions options);

  /** Fetches the node information with the default call options. */
  default CompletableFuture<NodeInfo> nodeInfo() {
    return nodeInfo(CallOptions.defaults());
  }

  /** Fetches the datastore information with the default call options. */
  default CompletableFuture<StoreInfo> storeInfo() {
    return storeInfo(CallOptions.defaults());
  }

  /** Fetches the shards with the default call options. */
  default CompletableFuture<ShardList> shards() {
    return shards(CallOptions.defaults());
  }

  /** Fetches the action queue with the default call options. */
  default CompletableFuture<ActionList> actionQueue() {
    return actionQueue(CallOptions.defaults());
  }

  /** Fetches the finished actions with the default call options. */
  default CompletableFuture<ActionList> actionsFinished() {
    return actionsFinished(CallOptions.defaults());
  }

  /** Fetches one action record with the default call options. */
  default CompletableFuture<ActionRecord> actionLookup(UUID id) {
    return actionLookup(id, CallOptions.defaults());
  }

  /** Schedules an action with the default call options. */
  default CompletableFuture<ActionScheduleResponse> scheduleAction(ActionScheduleRequest request) {
    return scheduleAction(request, CallOptions.defaults());
  }

  /**
   * Closes the channel. Calls in flight fail with {@link ChannelClosedException}; the method is
   * idempotent and does not throw.
   */
  @Override
  void close();
}
