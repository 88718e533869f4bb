package io.agenttransport.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads test resources. */
final class ResourceFiles {
  private ResourceFiles() {}

  /** Returns the agent API example {@code name} from {@code agent-api/}. */
  static String agentApi(String name) {
    try (InputStream in = ResourceFiles.class.getResourceAsStream("/agent-api/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("missing test resource agent-api/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
