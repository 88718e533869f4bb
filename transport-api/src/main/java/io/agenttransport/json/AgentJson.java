package io.agenttransport.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Converts the agent API model to and from the JSON of the agent HTTP API.
 *
 * <p>Decoding is strict where it matters for security and lenient where agents evolve: duplicate
 * keys, nesting deeper than {@link JsonLimits#maxDepth()} and over-long strings or numbers are
 * rejected; unknown fields are kept in each record's {@code unknownFields}. Numbers in arbitrary
 * JSON are read as {@link java.math.BigDecimal} or {@link java.math.BigInteger}, so nothing is
 * rounded. Thread safe.
 */
public final class AgentJson {
  private static final ObjectMapper DEFAULT_MAPPER = mapper(JsonLimits.DEFAULTS);

  private AgentJson() {}

  /**
   * Returns compact JSON text for {@code json}, used by {@link io.agenttransport.model.JsonValue}.
   * Reads with {@link JsonLimits#DEFAULTS}.
   *
   * @throws IllegalArgumentException if the text is not one valid JSON value
   */
  public static String normalize(String json) {
    Objects.requireNonNull(json, "json");
    JsonNode tree = readTree(DEFAULT_MAPPER, json.getBytes(StandardCharsets.UTF_8));
    return write(tree);
  }

  /**
   * Encodes a model value (node info, store info, shard list, action list, action record, schedule
   * request or response, or error body) as UTF-8 JSON.
   *
   * @throws IllegalArgumentException if {@code value} is not a model type
   */
  public static byte[] encode(Object value) {
    Objects.requireNonNull(value, "value");
    return write(ModelEncoder.encode(value)).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Decodes UTF-8 JSON into a model type with the default limits.
   *
   * @throws JsonDecodeException naming the JSON path of the first invalid field
   */
  public static <T> T decode(byte[] json, Class<T> type) {
    return decode(json, type, JsonLimits.DEFAULTS);
  }

  /**
   * Decodes UTF-8 JSON into a model type with the given limits.
   *
   * @throws JsonDecodeException naming the JSON path of the first invalid field
   * @throws IllegalArgumentException if {@code type} is not a model type
   */
  public static <T> T decode(byte[] json, Class<T> type, JsonLimits limits) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(limits, "limits");
    ObjectMapper mapper = limits.equals(JsonLimits.DEFAULTS) ? DEFAULT_MAPPER : mapper(limits);
    return ModelDecoder.decode(readTree(mapper, json), type);
  }

  /** Parses JSON text that {@link #normalize} already accepted. */
  static JsonNode parseTree(String json) {
    return readTree(DEFAULT_MAPPER, json.getBytes(StandardCharsets.UTF_8));
  }

  /** Reads one JSON value, turning parser errors into errors that name the JSON path. */
  private static JsonNode readTree(ObjectMapper mapper, byte[] json) {
    try (JsonParser parser = mapper.createParser(json)) {
      try {
        return readSingleValue(mapper, parser);
      } catch (JsonProcessingException e) {
        throw new JsonDecodeException(pathOf(parser), e.getOriginalMessage(), e);
      }
    } catch (IOException e) {
      throw new JsonDecodeException("$", "unreadable JSON: " + e.getMessage(), e);
    }
  }

  private static JsonNode readSingleValue(ObjectMapper mapper, JsonParser parser)
      throws IOException {
    JsonNode tree = mapper.readTree(parser);
    if (tree == null || tree.isMissingNode()) {
      throw new JsonDecodeException("$", "empty document: expected one JSON value", null);
    }
    if (parser.nextToken() != null) {
      throw new JsonDecodeException(
          "$", "unexpected content after the JSON value: expected one JSON value", null);
    }
    return tree;
  }

  /** Returns the JSON path where the parser stopped, such as {@code $.state.phase}. */
  private static String pathOf(JsonParser parser) {
    JsonStreamContext context = parser.getParsingContext();
    return context == null ? "$" : JsonPath.fromPointer(context.pathAsPointer().toString());
  }

  private static String write(JsonNode tree) {
    try {
      return DEFAULT_MAPPER.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("writing a JSON tree failed", e);
    }
  }

  /** Builds a strict mapper: duplicate keys rejected, exact numbers, the given size limits. */
  private static ObjectMapper mapper(JsonLimits limits) {
    StreamReadConstraints constraints =
        StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxDepth())
            .maxStringLength(limits.maxStringLength())
            .maxNumberLength(limits.maxNumberLength())
            .maxNameLength(limits.maxStringLength())
            .build();
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(constraints)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    return JsonMapper.builder(factory)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .build();
  }
}
