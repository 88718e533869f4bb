package io.agenttransport.model;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The state of an action.
 *
 * @param phase the phase
 * @param error the error of a failed action as arbitrary JSON, or {@code null}
 * @param payload data the action produced as arbitrary JSON, or {@code null}
 * @param unknownFields fields this version does not know, kept so that nothing is lost on re-encode
 */
public record ActionState(
    ActionPhase phase,
    @Nullable JsonValue error,
    @Nullable JsonValue payload,
    Map<String, JsonValue> unknownFields) {
  /** Validates the components. */
  public ActionState {
    Objects.requireNonNull(phase, "phase");
    unknownFields = Maps.copyOrdered(unknownFields, "unknownFields");
  }
}
