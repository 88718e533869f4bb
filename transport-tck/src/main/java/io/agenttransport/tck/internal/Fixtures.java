package io.agenttransport.tck.internal;

import io.agenttransport.json.AgentJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The agent API examples shipped in the TCK jar under {@code io/agenttransport/tck/fixtures}, one
 * JSON document per response or request shape.
 */
public final class Fixtures {
  private static final String FOLDER = "/io/agenttransport/tck/fixtures/";

  private Fixtures() {}

  /** Returns the bytes of the fixture {@code name}, such as {@code info-node.json}. */
  public static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream(FOLDER + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no TCK fixture named " + name + " in " + FOLDER);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read TCK fixture " + name, e);
    }
  }

  /** Decodes the fixture {@code name} into {@code type} with the framework's JSON codec. */
  public static <T> T decode(String name, Class<T> type) {
    return AgentJson.decode(bytes(name), type);
  }
}
