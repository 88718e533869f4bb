package io.agenttransport.json;

/**
 * Limits applied while reading JSON, so that hostile input cannot exhaust the stack or memory.
 *
 * @param maxDepth the deepest nesting of arrays and objects
 * @param maxStringLength the longest string, in characters
 * @param maxNumberLength the longest number, in characters
 */
public record JsonLimits(int maxDepth, int maxStringLength, int maxNumberLength) {
  /** Depth 64, strings of 64 Ki characters, numbers of 64 characters. */
  public static final JsonLimits DEFAULTS = new JsonLimits(64, 64 * 1024, 64);
}
