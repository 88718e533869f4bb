package io.agenttransport.agent;

import io.agenttransport.api.AgentErrorException;
import java.util.regex.Pattern;

/** The action kind syntax and the kinds that the reference agent runs. */
final class ActionKinds {
  /** Runs to {@code DONE}, after the optional integer argument {@code delay_ms}. */
  static final String SUCCESS = "agent.replicante.io/test.success";

  /** Runs to {@code FAILED} with an error. */
  static final String FAIL = "agent.replicante.io/test.fail";

  /** Stays {@code RUNNING} until the agent closes or {@code iterations} loops have run. */
  static final String LOOP = "agent.replicante.io/test.loop";

  private static final int MAX_LENGTH = 256;

  /**
   * A scope and a name joined by one slash: lower-case ASCII letters, digits, dots, dashes and
   * underscores, each part starting and ending with a letter or digit. Encoded slashes, NUL,
   * non-ASCII look-alikes and path segments such as {@code ..} cannot match.
   */
  private static final Pattern SYNTAX =
      Pattern.compile("[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?/[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?");

  private ActionKinds() {}

  /**
   * Checks the syntax of {@code kind} and that this agent runs it.
   *
   * @throws AgentErrorException with status 400 naming the kind otherwise
   */
  static void requireKnown(String kind) {
    if (kind.length() > MAX_LENGTH || !SYNTAX.matcher(kind).matches() || kind.contains("..")) {
      throw AgentErrorException.badRequest(
          "invalid action kind '"
              + printable(kind)
              + "': expected scope/name of at most "
              + MAX_LENGTH
              + " characters using a-z, 0-9, '.', '-' and '_', without '..'");
    }
    if (!kind.equals(SUCCESS) && !kind.equals(FAIL) && !kind.equals(LOOP)) {
      throw AgentErrorException.badRequest(
          "unknown action kind: "
              + kind
              + "; this agent runs "
              + SUCCESS
              + ", "
              + FAIL
              + " and "
              + LOOP);
    }
  }

  /** Escapes control and non-ASCII characters so that an error message stays one plain line. */
  private static String printable(String text) {
    StringBuilder out = new StringBuilder();
    String shown = text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "..." : text;
    shown
        .codePoints()
        .forEach(
            c -> {
              if (c >= 0x20 && c < 0x7f) {
                out.appendCodePoint(c);
              } else {
                out.append(String.format("\\u%04x", c));
              }
            });
    return out.toString();
  }
}
