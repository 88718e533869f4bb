package io.agenttransport.api;

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
 * The agent side of the agent API: what an agent implements and a transport server serves.
 *
 * <p>Methods are called on the server's request threads, possibly many at once, so an
 * implementation must be thread safe. A method signals a failure by throwing {@link
 * AgentErrorException} (its status and body go to core unchanged) or {@link ConflictException}; any
 * other exception is sent as a 500 error. By the time a method runs, the transport and the
 * framework's policy have already authenticated and verified the request.
 */
public interface Agent {
  /** Returns the node information. */
  NodeInfo nodeInfo();

  /** Returns the datastore information. */
  StoreInfo storeInfo();

  /** Returns the shards on this node. */
  ShardList shards();

  /** Returns the actions waiting or running, oldest first. */
  ActionList actionQueue();

  /** Returns the finished actions, oldest first. */
  ActionList actionsFinished();

  /** Returns the action with {@code id}, or empty if there is none. */
  Optional<ActionRecord> actionLookup(UUID id);

  /**
   * Schedules an action.
   *
   * @throws ConflictException if an action with the request's id exists; the first one is kept
   * @throws AgentErrorException with status 400 for an unknown kind or invalid input
   */
  ActionScheduleResponse scheduleAction(ActionScheduleRequest request);
}
