package io.agenttransport.model;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * An RFC 3339 timestamp in UTC that keeps the text it was read from.
 *
 * <p>Agents write timestamps with or without fractional seconds and with varying precision, so the
 * original text is kept to re-encode documents unchanged. Two timestamps are equal when their text
 * is equal; compare {@link #instant()} for equality in time.
 *
 * @param instant the point in time
 * @param text the RFC 3339 text, ending in {@code Z}
 */
public record Timestamp(Instant instant, String text) {
  /** Validates the components. */
  public Timestamp {
    Objects.requireNonNull(instant, "instant");
    Objects.requireNonNull(text, "text");
  }

  /**
   * Parses RFC 3339 text such as {@code 2026-12-04T10:15:30Z} or {@code 2026-12-04T10:15:30.5Z}.
   *
   * @throws IllegalArgumentException if the text is not an RFC 3339 UTC timestamp
   */
  public static Timestamp parse(String text) {
    Objects.requireNonNull(text, "text");
    try {
      return new Timestamp(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from), text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "invalid RFC 3339 timestamp '" + text + "': expected a form like 2026-12-04T10:15:30Z",
          e);
    }
  }

  /** Returns a timestamp for {@code instant}, written as {@link Instant#toString()} does. */
  public static Timestamp of(Instant instant) {
    return new Timestamp(instant, instant.toString());
  }

  /** Returns the RFC 3339 text. */
  @Override
  public String toString() {
    return text;
  }
}
