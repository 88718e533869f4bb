package io.agenttransport.tck.report;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one TCK rule.
 *
 * @param level {@code required} or {@code optional}
 * @param group {@code disc}, {@code conf} or {@code sec}
 * @param id the stable rule id, such as {@code B19}
 * @param test the test method name
 * @param status {@code passed}, {@code failed} or {@code skipped}
 * @param reason why it failed or was skipped, or {@code null} when it passed
 */
public record RuleResult(
    String level, String group, String id, String test, String status, @Nullable String reason) {
  private static final Pattern RULE_NAME =
      Pattern.compile("(required|optional)_(disc|conf|sec)_([A-Z]\\d+[a-z]?)_\\w+");

  /** Validates the components. */
  public RuleResult {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(status, "status");
  }

  /** Returns whether {@code methodName} follows the rule naming pattern. */
  public static boolean isRule(String methodName) {
    return RULE_NAME.matcher(methodName).matches();
  }

  /** Returns the result of the rule tested by {@code methodName}. */
  public static RuleResult of(String methodName, String status, @Nullable String reason) {
    Matcher matcher = RULE_NAME.matcher(methodName);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "test name " + methodName + " does not follow <level>_<group>_<id>_<summary>");
    }
    return new RuleResult(
        matcher.group(1), matcher.group(2), matcher.group(3), methodName, status, reason);
  }
}
