package io.agenttransport.model;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The body of an agent's 4xx or 5xx response: {@code {"error": true, "error_msg": ...}}.
 *
 * @param message the error message ({@code error_msg})
 * @param cause the underlying cause ({@code error_cause}), if given
 * @param trail the chain of messages from outermost to innermost ({@code error_trail}), if given
 */
public record ErrorBody(String message, @Nullable String cause, @Nullable List<String> trail) {
  /** Validates the components and copies the trail. */
  public ErrorBody {
    Objects.requireNonNull(message, "message");
    if (trail != null) {
      trail = List.copyOf(trail);
    }
  }

  /** Returns an error body with only a message. */
  public static ErrorBody of(String message) {
    return new ErrorBody(message, null, null);
  }
}
