package io.agenttransport.model;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The whole record of an action, as returned by {@code GET /api/unstable/action/{id}}.
 *
 * @param args the action's arguments as arbitrary JSON
 * @param createdTime when core created the action
 * @param finishedTime when the action finished, or {@code null} while it has not
 * @param id the action id
 * @param kind the action kind
 * @param metadata string metadata supplied by core
 * @param scheduledTime when the agent accepted the action
 * @param state the action's state
 * @param unknownFields fields this version does not know, kept so that nothing is lost on re-encode
 */
public record ActionRecord(
    JsonValue args,
    Timestamp createdTime,
    @Nullable Timestamp finishedTime,
    UUID id,
    String kind,
    Map<String, String> metadata,
    Timestamp scheduledTime,
    ActionState state,
    Map<String, JsonValue> unknownFields) {
  /** Validates the components and copies the maps. */
  public ActionRecord {
    Objects.requireNonNull(args, "args");
    Objects.requireNonNull(createdTime, "createdTime");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    metadata = Maps.copyOrdered(metadata, "metadata");
    Objects.requireNonNull(scheduledTime, "scheduledTime");
    Objects.requireNonNull(state, "state");
    unknownFields = Maps.copyOrdered(unknownFields, "unknownFields");
  }

  /** Returns the summary of this record as the queue and finished lists show it. */
  public ActionSummary summary() {
    return ActionSummary.of(id, kind, state.phase());
  }
}
