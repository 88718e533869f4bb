package io.agenttransport.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenttransport.model.JsonValue;
import io.agenttransport.model.Timestamp;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One JSON object being decoded: reads typed fields by name, remembers which ones it read, and
 * collects the rest as unknown fields. Every error names the field's JSON path.
 */
final class JsonObject {
  private static final int MAX_SHOWN_VALUE = 80;

  private final JsonNode node;
  private final String path;
  private final Set<String> read = new HashSet<>();

  private JsonObject(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  /** Wraps {@code node}, which must be a JSON object. */
  static JsonObject of(JsonNode node, String path) {
    if (!node.isObject()) {
      throw mismatch(path, node, "a JSON object");
    }
    return new JsonObject(node, path);
  }

  String path() {
    return path;
  }

  String pathOf(String key) {
    return JsonPath.member(path, key);
  }

  /** Returns the field {@code key}, failing if it is absent or null. */
  JsonNode required(String key, String expected) {
    JsonNode value = optional(key);
    if (value == null) {
      throw missing(pathOf(key), expected);
    }
    return value;
  }

  /** Returns the field {@code key}, or {@code null} if it is absent or JSON null. */
  @Nullable JsonNode optional(String key) {
    read.add(key);
    JsonNode value = node.get(key);
    return value == null || value.isNull() ? null : value;
  }

  String string(String key) {
    return asString(required(key, "a string"), pathOf(key));
  }

  @Nullable String optionalString(String key) {
    JsonNode value = optional(key);
    return value == null ? null : asString(value, pathOf(key));
  }

  JsonObject object(String key) {
    return of(required(key, "a JSON object"), pathOf(key));
  }

  UUID uuid(String key) {
    return asUuid(required(key, "a UUID string"), pathOf(key));
  }

  @Nullable UUID optionalUuid(String key) {
    JsonNode value = optional(key);
    return value == null ? null : asUuid(value, pathOf(key));
  }

  Timestamp timestamp(String key) {
    return asTimestamp(required(key, "an RFC 3339 timestamp"), pathOf(key));
  }

  @Nullable Timestamp optionalTimestamp(String key) {
    JsonNode value = optional(key);
    return value == null ? null : asTimestamp(value, pathOf(key));
  }

  /** Returns the field {@code key} as arbitrary JSON, keeping JSON null and failing when absent. */
  JsonValue json(String key) {
    read.add(key);
    JsonNode value = node.get(key);
    if (value == null) {
      throw missing(pathOf(key), "any JSON value");
    }
    return asJsonValue(value);
  }

  /** Returns the field {@code key} as arbitrary JSON, or {@code null} if absent or JSON null. */
  @Nullable JsonValue optionalJson(String key) {
    JsonNode value = optional(key);
    return value == null ? null : asJsonValue(value);
  }

  /** Returns the field {@code key} as a map of strings, in document order. */
  Map<String, String> stringMap(String key) {
    return object(key).asStringMap();
  }

  /** Returns the fields not read so far, in document order, and marks them read. */
  Map<String, JsonNode> remaining() {
    Map<String, JsonNode> remaining = new LinkedHashMap<>();
    node.fields()
        .forEachRemaining(
            entry -> {
              if (read.add(entry.getKey())) {
                remaining.put(entry.getKey(), entry.getValue());
              }
            });
    return remaining;
  }

  /** Returns the fields not read so far as arbitrary JSON, in document order. */
  Map<String, JsonValue> unknownFields() {
    Map<String, JsonValue> unknown = new LinkedHashMap<>();
    remaining().forEach((key, value) -> unknown.put(key, asJsonValue(value)));
    return unknown;
  }

  /** Returns the fields not read so far as strings, failing on any other type. */
  Map<String, String> asStringMap() {
    Map<String, String> map = new LinkedHashMap<>();
    remaining().forEach((key, value) -> map.put(key, asString(value, pathOf(key))));
    return map;
  }

  static String asString(JsonNode value, String path) {
    if (!value.isTextual()) {
      throw mismatch(path, value, "a string");
    }
    return value.textValue();
  }

  static UUID asUuid(JsonNode value, String path) {
    String text = asString(value, path);
    try {
      UUID uuid = UUID.fromString(text);
      if (!uuid.toString().equalsIgnoreCase(text)) {
        throw new IllegalArgumentException("not in canonical form");
      }
      return uuid;
    } catch (IllegalArgumentException e) {
      throw invalid(path, value, "a UUID such as 6f8e2a40-3c1b-4d5e-9f7a-0b1c2d3e4f50", e);
    }
  }

  static Timestamp asTimestamp(JsonNode value, String path) {
    String text = asString(value, path);
    try {
      return Timestamp.parse(text);
    } catch (IllegalArgumentException e) {
      throw invalid(path, value, "an RFC 3339 timestamp such as 2026-12-04T10:15:30Z", e);
    }
  }

  static JsonValue asJsonValue(JsonNode value) {
    return JsonValue.parse(value.toString());
  }

  static JsonDecodeException missing(String path, String expected) {
    return new JsonDecodeException(path, "missing required field: expected " + expected, null);
  }

  static JsonDecodeException mismatch(String path, JsonNode value, String expected) {
    return invalid(path, value, expected, null);
  }

  static JsonDecodeException invalid(
      String path, JsonNode value, String expected, @Nullable Throwable cause) {
    return new JsonDecodeException(
        path, "invalid value " + show(value) + ": expected " + expected, cause);
  }

  /** Describes a value for an error message, shortened so that huge input stays readable. */
  static String show(JsonNode value) {
    String text = value.toString();
    if (text.length() > MAX_SHOWN_VALUE) {
      text = text.substring(0, MAX_SHOWN_VALUE) + "... (" + text.length() + " characters)";
    }
    return text + " (" + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ")";
  }
}
