package io.agenttransport.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenttransport.api.AgentErrorException;
import io.agenttransport.model.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/** Runs the test actions on the agent's action thread. */
final class ActionRunner {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_DELAY_MS = TimeUnit.MINUTES.toMillis(10);
  private static final long LOOP_INTERVAL_MS = 10;

  /** The end of one action: a payload on success, an error on failure. */
  record Outcome(boolean success, @Nullable JsonValue payload, @Nullable JsonValue error) {}

  private ActionRunner() {}

  /**
   * Checks the arguments of a known kind before it is queued.
   *
   * @throws AgentErrorException with status 400 naming the argument otherwise
   */
  static void checkArgs(String kind, JsonValue args) {
    JsonNode tree = tree(args);
    if (!tree.isObject() && !tree.isNull()) {
      throw AgentErrorException.badRequest("invalid args " + args + ": expected a JSON object");
    }
    if (kind.equals(ActionKinds.SUCCESS)) {
      count(tree, "delay_ms", MAX_DELAY_MS);
    } else if (kind.equals(ActionKinds.LOOP)) {
      count(tree, "iterations", Integer.MAX_VALUE);
    }
  }

  /**
   * Runs one action, passing the count of finished loop iterations to {@code progress}.
   *
   * @throws InterruptedException if the agent closes while the action runs
   */
  static Outcome run(String kind, JsonValue args, LongConsumer progress)
      throws InterruptedException {
    JsonNode tree = tree(args);
    if (kind.equals(ActionKinds.SUCCESS)) {
      long delay = count(tree, "delay_ms", MAX_DELAY_MS);
      Thread.sleep(delay);
      return new Outcome(true, object("delay_ms", delay), null);
    }
    if (kind.equals(ActionKinds.FAIL)) {
      return new Outcome(
          false,
          null,
          JsonValue.parse(
              "{\"error_msg\":\"action failed on purpose\","
                  + "\"error_trail\":[\"action failed on purpose\",\"test.fail always fails\"]}"));
    }
    long iterations = count(tree, "iterations", Integer.MAX_VALUE);
    for (long done = 1; iterations == 0 || done <= iterations; done++) {
      Thread.sleep(LOOP_INTERVAL_MS);
      progress.accept(done);
    }
    return new Outcome(true, object("iterations", iterations), null);
  }

  /** Reads the optional non-negative integer {@code name}, which is 0 when absent. */
  private static long count(JsonNode args, String name, long max) {
    JsonNode value = args.get(name);
    if (value == null || value.isNull()) {
      return 0;
    }
    if (!value.isIntegralNumber()
        || !value.canConvertToLong()
        || value.longValue() < 0
        || value.longValue() > max) {
      throw AgentErrorException.badRequest(
          "invalid argument " + name + "=" + value + ": expected a whole number from 0 to " + max);
    }
    return value.longValue();
  }

  private static JsonValue object(String name, long value) {
    return JsonValue.parse("{\"" + name + "\":" + value + "}");
  }

  private static JsonNode tree(JsonValue args) {
    try {
      return JSON.readTree(args.json());
    } catch (IOException e) {
      throw new UncheckedIOException("normalized JSON failed to parse", e);
    }
  }
}
