package io.agenttransport.json;

/**
 * Converts the agent API model to and from the JSON of the agent HTTP API.
 *
 * <p>Decoding is strict where it matters for security and lenient where agents evolve: duplicate
 * keys, nesting deeper than {@link JsonLimits#maxDepth()} and over-long strings or numbers are
 * rejected; unknown fields are kept in each record's {@code unknownFields}.
 */
public final class AgentJson {
  // TODO: implement (api work in progress)

  private AgentJson() {}

  /**
   * Returns compact JSON text for {@code json}, used by {@link io.agenttransport.model.JsonValue}.
   *
   * @throws IllegalArgumentException if the text is not one valid JSON value
   */
  public static String normalize(String json) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * Encodes a model value (node info, store info, shard list, action list, action record, schedule
   * request or response, or error body) as UTF-8 JSON.
   *
   * @throws IllegalArgumentException if {@code value} is not a model type
   */
  public static byte[] encode(Object value) {
    throw new UnsupportedOperationException("not implemented yet");
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
   */
  public static <T> T decode(byte[] json, Class<T> type, JsonLimits limits) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
