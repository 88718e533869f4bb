package io.agenttransport.http.internal;

import io.agenttransport.api.AgentOperation;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Maps request paths of the agent HTTP API to operations. */
final class ApiRoutes {
  private static final Map<String, AgentOperation> EXACT =
      Map.of(
          AgentOperation.NODE_INFO.httpPath(), AgentOperation.NODE_INFO,
          AgentOperation.STORE_INFO.httpPath(), AgentOperation.STORE_INFO,
          AgentOperation.SHARDS.httpPath(), AgentOperation.SHARDS,
          AgentOperation.ACTION_QUEUE.httpPath(), AgentOperation.ACTION_QUEUE,
          AgentOperation.ACTIONS_FINISHED.httpPath(), AgentOperation.ACTIONS_FINISHED,
          AgentOperation.ACTION_SCHEDULE.httpPath(), AgentOperation.ACTION_SCHEDULE);

  /** The canonical textual form of a UUID; {@link UUID#fromString} alone accepts more. */
  private static final Pattern UUID_TEXT =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private ApiRoutes() {}

  /** Returns the operation for the raw request {@code path}, or {@code null} for none. */
  static @Nullable AgentOperation match(String path) {
    AgentOperation exact = EXACT.get(path);
    if (exact != null) {
      return exact;
    }
    String prefix = AgentOperation.ACTION_LOOKUP.httpPath();
    if (path.startsWith(prefix) && path.length() > prefix.length()) {
      return path.indexOf('/', prefix.length()) < 0 ? AgentOperation.ACTION_LOOKUP : null;
    }
    return null;
  }

  /**
   * Returns the action id at the end of a lookup path.
   *
   * @throws IllegalArgumentException naming the value if it is not a UUID in canonical form
   */
  static UUID actionId(String path) {
    String text = path.substring(AgentOperation.ACTION_LOOKUP.httpPath().length());
    if (!UUID_TEXT.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "invalid action id '"
              + printable(text)
              + "': expected a UUID such as 6f8e2a40-3c1b-4d5e-9f7a-0b1c2d3e4f50");
    }
    return UUID.fromString(text);
  }

  private static String printable(String text) {
    String shortened = text.length() > 64 ? text.substring(0, 64) + "..." : text;
    return shortened.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
