package io.agenttransport.config;

/** Whether an agent serves the action operations. */
public enum ActionsMode {
  /** Actions are served; the agent refuses to start without TLS with client authentication. */
  ENABLED,
  /** Actions are never served. */
  DISABLED,
  /** Actions are served exactly when TLS with client authentication is configured. */
  AUTO
}
