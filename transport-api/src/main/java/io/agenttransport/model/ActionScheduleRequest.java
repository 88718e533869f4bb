package io.agenttransport.model;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/unstable/action}.
 *
 * <p>Fields other than {@code kind} are optional on the wire and stay absent ({@code null}) when a
 * document leaves them out, so that a request re-encodes to the same JSON. Core should always set
 * {@code id}: scheduling is idempotent by id, so a retry of the same request cannot run the action
 * twice. {@link #create(String, JsonValue)} does so.
 *
 * @param kind the action kind, {@code scope/name}
 * @param id the action id chosen by core, or {@code null} to let the agent choose
 * @param args the action's arguments, or {@code null} for none
 * @param createdTime when core created the action, or {@code null}
 * @param metadata string metadata, or {@code null} for none
 * @param unknownFields fields this version does not know, kept so that nothing is lost on re-encode
 */
public record ActionScheduleRequest(
    String kind,
    @Nullable UUID id,
    @Nullable JsonValue args,
    @Nullable Timestamp createdTime,
    @Nullable Map<String, String> metadata,
    Map<String, JsonValue> unknownFields) {
  /** Validates the components and copies the maps. */
  public ActionScheduleRequest {
    Objects.requireNonNull(kind, "kind");
    if (metadata != null) {
      metadata = Maps.copyOrdered(metadata, "metadata");
    }
    unknownFields = Maps.copyOrdered(unknownFields, "unknownFields");
  }

  /** Returns a request for {@code kind} with a new random id, the current time and no metadata. */
  public static ActionScheduleRequest create(String kind, JsonValue args) {
    return new ActionScheduleRequest(
        kind, UUID.randomUUID(), args, Timestamp.of(java.time.Instant.now()), Map.of(), Map.of());
  }

  /** Returns a copy of this request with {@code id} set. */
  public ActionScheduleRequest withId(UUID newId) {
    return new ActionScheduleRequest(kind, newId, args, createdTime, metadata, unknownFields);
  }
}
