package io.agenttransport.tck;

import io.agenttransport.agent.ReferenceAgent;
import io.agenttransport.api.Agent;
import io.agenttransport.api.AgentAddress;
import io.agenttransport.model.ActionSummary;
import io.agenttransport.spi.AgentServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An agent server the TCK started, with the agent it serves.
 *
 * @param server the running server
 * @param agent the agent implementation the server calls
 * @param reference the reference agent behind {@code agent}, if it is one; the TCK reads its lists
 *     directly, not through the transport under test
 * @param address the address core uses for this agent
 */
public record RunningAgent(
    AgentServer server, Agent agent, @Nullable ReferenceAgent reference, AgentAddress address) {

  /** Returns every action the reference agent holds, queued or finished, read in process. */
  public List<ActionSummary> storedActions() {
    if (reference == null) {
      throw new IllegalStateException("agent at " + address + " is not a reference agent");
    }
    // The queue is read before the finished list, so an action that finishes in between shows up
    // in both reads; keyed by id, its later (finished) summary wins and it is counted once.
    Map<UUID, ActionSummary> byId = new LinkedHashMap<>();
    reference.actionQueue().actions().forEach(action -> byId.put(action.id(), action));
    reference.actionsFinished().actions().forEach(action -> byId.put(action.id(), action));
    return new ArrayList<>(byId.values());
  }
}
