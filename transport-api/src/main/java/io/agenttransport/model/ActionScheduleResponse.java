package io.agenttransport.model;

import java.util.Objects;
import java.util.UUID;

/**
 * The response to {@code POST /api/unstable/action}.
 *
 * @param id the id of the scheduled action
 */
public record ActionScheduleResponse(UUID id) {
  /** Validates the components. */
  public ActionScheduleResponse {
    Objects.requireNonNull(id, "id");
  }
}
