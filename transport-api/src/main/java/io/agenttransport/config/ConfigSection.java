package io.agenttransport.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One mapping of a YAML configuration file, read key by key. Every error names the dotted key, the
 * value seen (never a secret) and what is expected.
 */
final class ConfigSection {
  private static final int MAX_SHOWN_VALUE = 80;

  private final JsonNode node;
  private final String path;
  private final Path baseDir;
  private final Function<String, @Nullable String> environment;

  private ConfigSection(
      JsonNode node, String path, Path baseDir, Function<String, @Nullable String> environment) {
    this.node = node;
    this.path = path;
    this.baseDir = baseDir;
    this.environment = environment;
  }

  /**
   * Wraps the document's root, which must be a mapping. An empty document counts as an empty
   * mapping.
   */
  static ConfigSection root(
      @Nullable JsonNode node, Path baseDir, Function<String, @Nullable String> environment) {
    JsonNode root = node == null || node.isMissingNode() || node.isNull() ? emptyMapping() : node;
    if (!root.isObject()) {
      throw new ConfigException(
          "(top level)", "invalid value " + show(root) + ": expected a mapping of keys to values");
    }
    return new ConfigSection(root, "", baseDir, environment);
  }

  private static JsonNode emptyMapping() {
    return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
  }

  /** Returns the dotted key of {@code key} in this section, such as {@code tls.ca_bundle}. */
  String keyOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** Rejects any key not in {@code known}, listing the known keys to catch typos. */
  ConfigSection allowOnly(String... known) {
    Set<String> allowed = Set.of(known);
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw new ConfigException(
            keyOf(name),
            "unknown key: expected one of "
                + new TreeSet<>(allowed).stream().collect(Collectors.joining(", ")));
      }
    }
    return this;
  }

  boolean has(String key) {
    JsonNode value = node.get(key);
    return value != null && !value.isNull();
  }

  /** Returns the nested mapping {@code key}, or {@code null} if absent. */
  @Nullable ConfigSection section(String key) {
    if (!has(key)) {
      return null;
    }
    JsonNode value = node.get(key);
    if (!value.isObject()) {
      throw invalid(key, value, "a mapping of keys to values");
    }
    return new ConfigSection(value, keyOf(key), baseDir, environment);
  }

  /** Returns the nested mapping {@code key}, or an empty one if absent. */
  ConfigSection sectionOrEmpty(String key) {
    ConfigSection section = section(key);
    return section != null
        ? section
        : new ConfigSection(emptyMapping(), keyOf(key), baseDir, environment);
  }

  @Nullable String string(String key) {
    if (!has(key)) {
      return null;
    }
    JsonNode value = node.get(key);
    if (!value.isTextual()) {
      throw invalid(key, value, "a string");
    }
    return value.textValue();
  }

  String string(String key, String defaultValue) {
    String value = string(key);
    return value == null ? defaultValue : value;
  }

  String requiredString(String key) {
    String value = string(key);
    if (value == null || value.isBlank()) {
      throw new ConfigException(keyOf(key), "missing: expected a non-empty string");
    }
    return value;
  }

  Duration duration(String key, Duration defaultValue) {
    if (!has(key)) {
      return defaultValue;
    }
    JsonNode value = node.get(key);
    if (!value.isTextual()) {
      throw invalid(key, value, "a duration such as 500ms, 5s or 1m");
    }
    return Durations.parse(keyOf(key), value.textValue());
  }

  /** Reads a timeout, which must be longer than zero. */
  Duration positiveDuration(String key, Duration defaultValue) {
    Duration value = duration(key, defaultValue);
    if (value.isZero()) {
      throw invalid(key, node.get(key), "a duration longer than zero, such as 5s");
    }
    return value;
  }

  boolean bool(String key, boolean defaultValue) {
    if (!has(key)) {
      return defaultValue;
    }
    JsonNode value = node.get(key);
    if (!value.isBoolean()) {
      throw invalid(key, value, "true or false");
    }
    return value.booleanValue();
  }

  long number(String key, long defaultValue, long min, long max) {
    if (!has(key)) {
      return defaultValue;
    }
    JsonNode value = node.get(key);
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw invalid(key, value, "a whole number from " + min + " to " + max);
    }
    long number = value.longValue();
    if (number < min || number > max) {
      throw invalid(key, value, "a whole number from " + min + " to " + max);
    }
    return number;
  }

  /** Reads a lower-case word such as {@code per_call} as the enum constant {@code PER_CALL}. */
  <E extends Enum<E>> E enumValue(String key, Class<E> type, E defaultValue) {
    if (!has(key)) {
      return defaultValue;
    }
    JsonNode value = node.get(key);
    for (E constant : type.getEnumConstants()) {
      if (value.isTextual() && constant.name().toLowerCase(Locale.ROOT).equals(value.textValue())) {
        return constant;
      }
    }
    String names =
        Arrays.stream(type.getEnumConstants())
            .map(constant -> constant.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(", "));
    throw invalid(key, value, "one of " + names);
  }

  /** Returns the list {@code key} of strings, where a single string counts as a list of one. */
  @Nullable List<String> stringList(String key) {
    if (!has(key)) {
      return null;
    }
    JsonNode value = node.get(key);
    if (value.isTextual()) {
      return List.of(value.textValue());
    }
    if (!value.isArray()) {
      throw invalid(key, value, "a list of strings");
    }
    List<String> strings = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      if (!item.isTextual()) {
        throw new ConfigException(
            keyOf(key) + "[" + i + "]", "invalid value " + show(item) + ": expected a string");
      }
      strings.add(item.textValue());
    }
    return strings;
  }

  /** Returns the list {@code key} of mappings, or an empty list if absent. */
  List<ConfigSection> sectionList(String key) {
    if (!has(key)) {
      return List.of();
    }
    JsonNode value = node.get(key);
    if (!value.isArray()) {
      throw invalid(key, value, "a list of mappings");
    }
    List<ConfigSection> sections = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      String itemKey = keyOf(key) + "[" + i + "]";
      if (!item.isObject()) {
        throw new ConfigException(
            itemKey, "invalid value " + show(item) + ": expected a mapping of keys to values");
      }
      sections.add(new ConfigSection(item, itemKey, baseDir, environment));
    }
    return sections;
  }

  /**
   * Returns the file named by {@code key}, resolved against the config file's folder, or {@code
   * null} if the key is absent.
   *
   * @throws ConfigException if the file does not exist or cannot be read
   */
  @Nullable Path readableFile(String key) {
    String text = string(key);
    if (text == null) {
      return null;
    }
    Path file;
    try {
      file = baseDir.resolve(text).normalize();
    } catch (InvalidPathException e) {
      throw new ConfigException(keyOf(key), "invalid path '" + text + "': " + e.getReason(), e);
    }
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(
          keyOf(key),
          "file not found: " + file + " (relative paths resolve against " + baseDir + ")");
    }
    if (!Files.isReadable(file)) {
      throw new ConfigException(keyOf(key), "file is not readable: " + file);
    }
    return file;
  }

  Path requiredReadableFile(String key) {
    Path file = readableFile(key);
    if (file == null) {
      throw new ConfigException(keyOf(key), "missing: expected the path of a PEM file");
    }
    return file;
  }

  /**
   * Returns the password given by {@code key_password} or by the environment variable named in
   * {@code key_password_env}, or {@code null} if neither is set.
   */
  @Nullable Secret keyPassword() {
    if (has("key_password") && has("key_password_env")) {
      throw new ConfigException(
          keyOf("key_password"), "set either key_password or key_password_env, not both");
    }
    if (has("key_password")) {
      JsonNode value = node.get("key_password");
      if (!value.isTextual()) {
        throw new ConfigException(
            keyOf("key_password"),
            "invalid value of type "
                + type(value)
                + ": expected a string; quote a password that YAML reads as a number or boolean");
      }
      return Secret.of(value.textValue());
    }
    String variable = string("key_password_env");
    if (variable == null) {
      return null;
    }
    String password = environment.apply(variable);
    if (password == null) {
      throw new ConfigException(
          keyOf("key_password_env"),
          "environment variable '" + variable + "' is not set: set it to the key's password");
    }
    return Secret.of(password);
  }

  /** Returns a mapping of names to mappings of scalar values, such as the {@code options}. */
  Map<String, Map<String, String>> nestedStringMaps(String key) {
    ConfigSection outer = section(key);
    if (outer == null) {
      return Map.of();
    }
    Map<String, Map<String, String>> maps = new LinkedHashMap<>();
    outer.node.fieldNames().forEachRemaining(name -> maps.put(name, outer.scalarMap(name)));
    return maps;
  }

  private Map<String, String> scalarMap(String key) {
    ConfigSection inner = section(key);
    Map<String, String> map = new LinkedHashMap<>();
    if (inner == null) {
      return map;
    }
    inner
        .node
        .fields()
        .forEachRemaining(
            entry -> {
              if (!entry.getValue().isValueNode() || entry.getValue().isNull()) {
                throw inner.invalid(
                    entry.getKey(), entry.getValue(), "a string, number or boolean");
              }
              map.put(entry.getKey(), entry.getValue().asText());
            });
    return map;
  }

  ConfigException invalid(String key, JsonNode value, String expected) {
    return new ConfigException(
        keyOf(key), "invalid value " + show(value) + ": expected " + expected);
  }

  /** Returns a new error for {@code key} with the value shown. */
  ConfigException invalid(String key, String value, String expected, @Nullable Throwable cause) {
    return new ConfigException(
        keyOf(key), "invalid value '" + value + "': expected " + expected, cause);
  }

  private static String show(JsonNode value) {
    String text = value.isTextual() ? "'" + value.textValue() + "'" : value.toString();
    if (text.length() > MAX_SHOWN_VALUE) {
      text = text.substring(0, MAX_SHOWN_VALUE) + "...";
    }
    return text + " (" + type(value) + ")";
  }

  private static String type(JsonNode value) {
    return switch (value.getNodeType()) {
      case OBJECT -> "mapping";
      case ARRAY -> "list";
      default -> value.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }
}
