package io.agenttransport.api;

import io.agenttransport.model.ErrorBody;
import org.jspecify.annotations.Nullable;

/**
 * An action with the same id already exists on the agent (409 on HTTP).
 *
 * <p>Scheduling is idempotent by id, so core treats this as "already scheduled".
 */
public class ConflictException extends AgentErrorException {
  /**
   * Creates the exception.
   *
   * @param body the error body, if any
   * @param agent the agent involved, if known
   * @param operation the operation involved, if known
   */
  public ConflictException(
      @Nullable ErrorBody body, @Nullable AgentAddress agent, @Nullable AgentOperation operation) {
    super(409, body, agent, operation);
  }

  @Override
  public String kind() {
    return "conflict";
  }
}
