package io.agenttransport.json;

/** A JSON document does not match the agent API; the message names the JSON path and the fix. */
public final class JsonDecodeException extends IllegalArgumentException {
  private final String path;

  /**
   * Creates the exception.
   *
   * @param path the JSON path of the invalid field, such as {@code $.state.phase}
   * @param message what is wrong and what is expected
   * @param cause the parser's error, if any
   */
  public JsonDecodeException(String path, String message, Throwable cause) {
    super(path + ": " + message, cause);
    this.path = path;
  }

  /** Returns the JSON path of the invalid field. */
  public String path() {
    return path;
  }
}
