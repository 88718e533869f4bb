package io.agenttransport.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Loads core and agent configuration from YAML files with Jackson, validating every value.
 *
 * <p>Keys are snake_case. Unknown keys are errors that list the known ones. Relative paths resolve
 * against the folder of the configuration file, and every file the configuration names must exist
 * and be readable when it is loaded. Durations are written as {@link Durations} reads them.
 * Passwords come from {@code key_password} or from the environment variable named by {@code
 * key_password_env}.
 */
public final class ConfigLoader {
  private static final ObjectMapper YAML =
      new YAMLMapper(
          YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
  private static final Pattern TRANSPORT_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final Set<String> TLS_VERSIONS = Set.of("TLSv1.3", "TLSv1.2");

  private ConfigLoader() {}

  /**
   * Loads core's configuration.
   *
   * @throws ConfigException naming the key, the value and what is expected
   */
  public static CoreConfig loadCore(Path file) {
    return loadCore(file, System::getenv);
  }

  /**
   * Loads an agent's configuration.
   *
   * @throws ConfigException naming the key, the value and what is expected
   */
  public static AgentConfig loadAgent(Path file) {
    return loadAgent(file, System::getenv);
  }

  /** Loads core's configuration, reading environment variables through {@code environment}. */
  static CoreConfig loadCore(Path file, Function<String, @Nullable String> environment) {
    return CoreConfigReader.read(root(file, environment));
  }

  /** Loads an agent's configuration, reading environment variables through {@code environment}. */
  static AgentConfig loadAgent(Path file, Function<String, @Nullable String> environment) {
    return AgentConfigReader.read(root(file, environment));
  }

  private static ConfigSection root(Path file, Function<String, @Nullable String> environment) {
    Objects.requireNonNull(file, "file");
    Path absolute = file.toAbsolutePath().normalize();
    Path folder = absolute.getParent() == null ? absolute : absolute.getParent();
    return ConfigSection.root(readTree(absolute), folder, environment);
  }

  private static @Nullable JsonNode readTree(Path file) {
    String key = "config file " + file;
    try (JsonParser parser = YAML.createParser(Files.newInputStream(file))) {
      return YAML.readTree(parser);
    } catch (NoSuchFileException e) {
      throw new ConfigException(key, "file not found", e);
    } catch (JsonProcessingException e) {
      // The YAML parser's message quotes the offending line, which may contain key_password, so
      // only
      // its first line and the location are kept, and the exception is not chained.
      throw new ConfigException(key, "invalid YAML: " + firstLine(e) + location(e));
    } catch (IOException e) {
      throw new ConfigException(key, "cannot be read: " + e, e);
    }
  }

  private static String firstLine(JsonProcessingException e) {
    String message = String.valueOf(e.getOriginalMessage());
    int end = message.indexOf('\n');
    return (end < 0 ? message : message.substring(0, end)).strip();
  }

  private static String location(JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  /** Reads {@code transport}: a provider name of lower-case letters, digits and dashes. */
  static String transport(ConfigSection root) {
    String name = root.string("transport", CoreConfig.DEFAULT_TRANSPORT);
    if (!TRANSPORT_NAME.matcher(name).matches()) {
      throw root.invalid(
          "transport", name, "a provider name of lower-case letters, digits and dashes", null);
    }
    return name;
  }

  /** Reads {@code tls_versions}: one or more of TLSv1.3 and TLSv1.2. */
  static @Nullable List<String> tlsVersions(ConfigSection section) {
    List<String> versions = section.stringList("tls_versions");
    if (versions == null) {
      return null;
    }
    if (versions.isEmpty()) {
      throw new ConfigException(
          section.keyOf("tls_versions"), "empty list: expected TLSv1.3, TLSv1.2 or both");
    }
    for (String version : versions) {
      if (!TLS_VERSIONS.contains(version)) {
        throw section.invalid("tls_versions", version, "TLSv1.3 or TLSv1.2", null);
      }
    }
    return List.copyOf(versions);
  }
}
