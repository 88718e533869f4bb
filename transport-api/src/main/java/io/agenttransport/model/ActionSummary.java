package io.agenttransport.model;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One entry of an agent's action queue or finished list.
 *
 * @param id the action id
 * @param kind the action kind, such as {@code agent.replicante.io/test.success}
 * @param phase the action's phase
 * @param unknownFields fields this version does not know, kept so that nothing is lost on re-encode
 */
public record ActionSummary(
    UUID id, String kind, ActionPhase phase, Map<String, JsonValue> unknownFields) {
  /** Validates the components. */
  public ActionSummary {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(phase, "phase");
    unknownFields = Maps.copyOrdered(unknownFields, "unknownFields");
  }

  /** Returns a summary with no unknown fields. */
  public static ActionSummary of(UUID id, String kind, ActionPhase phase) {
    return new ActionSummary(id, kind, phase, Map.of());
  }
}
