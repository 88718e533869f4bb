package io.agenttransport.api;

import org.jspecify.annotations.Nullable;

/** The agent has no such resource, such as an unknown action id (404 on HTTP). */
public class NotFoundException extends AgentErrorException {
  /**
   * Creates the exception.
   *
   * @param agent the agent involved, if known
   * @param operation the operation involved, if known
   */
  public NotFoundException(@Nullable AgentAddress agent, @Nullable AgentOperation operation) {
    super(404, null, agent, operation);
  }

  @Override
  public String kind() {
    return "not-found";
  }
}
