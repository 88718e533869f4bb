package io.agenttransport.model;

import java.util.List;

/**
 * A list of actions, oldest first, as returned by {@code GET /api/unstable/actions/queue} and
 * {@code GET /api/unstable/actions/finished}.
 *
 * @param actions the actions, oldest first
 */
public record ActionList(List<ActionSummary> actions) {
  /** Copies the list. */
  public ActionList {
    actions = Maps.copyList(actions, "actions");
  }
}
