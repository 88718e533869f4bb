package io.agenttransport.api;

/** The seven operations of the agent API, all started by core. */
public enum AgentOperation {
  /** {@code GET /api/unstable/info/node}. */
  NODE_INFO("GET", "/api/unstable/info/node", false),
  /** {@code GET /api/unstable/info/store}. */
  STORE_INFO("GET", "/api/unstable/info/store", false),
  /** {@code GET /api/unstable/info/shards}. */
  SHARDS("GET", "/api/unstable/info/shards", false),
  /** {@code GET /api/unstable/actions/queue}. */
  ACTION_QUEUE("GET", "/api/unstable/actions/queue", false),
  /** {@code GET /api/unstable/actions/finished}. */
  ACTIONS_FINISHED("GET", "/api/unstable/actions/finished", false),
  /** {@code GET /api/unstable/action/{id}}. */
  ACTION_LOOKUP("GET", "/api/unstable/action/", false),
  /** {@code POST /api/unstable/action}. */
  ACTION_SCHEDULE("POST", "/api/unstable/action", true);

  private final String httpMethod;
  private final String httpPath;
  private final boolean stateChanging;

  AgentOperation(String httpMethod, String httpPath, boolean stateChanging) {
    this.httpMethod = httpMethod;
    this.httpPath = httpPath;
    this.stateChanging = stateChanging;
  }

  /** Returns the HTTP method of this operation in the agent HTTP API. */
  public String httpMethod() {
    return httpMethod;
  }

  /**
   * Returns the HTTP path of this operation; for {@link #ACTION_LOOKUP} it is the prefix that the
   * action id follows.
   */
  public String httpPath() {
    return httpPath;
  }

  /** Returns whether the operation changes the agent's state, and so must be signed. */
  public boolean isStateChanging() {
    return stateChanging;
  }

  /** Returns whether the operation belongs to the action system, which needs mutual TLS. */
  public boolean isActionOperation() {
    return this == ACTION_QUEUE
        || this == ACTIONS_FINISHED
        || this == ACTION_LOOKUP
        || this == ACTION_SCHEDULE;
  }
}
