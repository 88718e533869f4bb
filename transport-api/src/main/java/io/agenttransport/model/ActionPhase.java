package io.agenttransport.model;

/** The phase of an action on the agent. */
public enum ActionPhase {
  /** Scheduled and waiting to run. */
  NEW,
  /** Running now. */
  RUNNING,
  /** Finished successfully. */
  DONE,
  /** Finished with an error. */
  FAILED;

  /** Returns whether the action has finished, successfully or not. */
  public boolean isFinished() {
    return this == DONE || this == FAILED;
  }
}
