package io.agenttransport.model;

import io.agenttransport.json.AgentJson;
import java.util.Objects;

/**
 * Arbitrary JSON carried without loss, such as action arguments, payloads and errors.
 *
 * <p>The value is stored as compact JSON text, normalized on construction so that two values with
 * the same tree compare equal. The text never depends on a JSON library in this API, so providers
 * may decode it with any library.
 */
public final class JsonValue {
  /** The JSON {@code null} literal. */
  public static final JsonValue NULL = new JsonValue("null");

  /** An empty JSON object. */
  public static final JsonValue EMPTY_OBJECT = new JsonValue("{}");

  private final String json;

  private JsonValue(String json) {
    this.json = json;
  }

  /**
   * Parses JSON text into a value.
   *
   * @throws IllegalArgumentException if {@code json} is not a single valid JSON value
   */
  public static JsonValue parse(String json) {
    Objects.requireNonNull(json, "json");
    return new JsonValue(AgentJson.normalize(json));
  }

  /** Wraps text that {@link AgentJson} already normalized; not for general use. */
  static JsonValue ofNormalized(String json) {
    return new JsonValue(json);
  }

  /** Returns the compact JSON text of this value. */
  public String json() {
    return json;
  }

  /** Returns whether this value is the JSON {@code null} literal. */
  public boolean isNull() {
    return "null".equals(json);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof JsonValue value && value.json.equals(json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  /** Returns the compact JSON text. */
  @Override
  public String toString() {
    return json;
  }
}
