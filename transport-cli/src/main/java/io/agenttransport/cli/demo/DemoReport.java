package io.agenttransport.cli.demo;

import java.io.PrintWriter;
import java.util.Objects;

/**
 * Prints the demo's steps, one line each: {@code [ok]} when what happened is what was expected,
 * {@code [FAIL]} with both otherwise, and {@code [--]} for information. Counts the checks.
 */
final class DemoReport {
  private final PrintWriter out;
  private int passed;
  private int failed;

  DemoReport(PrintWriter out) {
    this.out = out;
  }

  /** Prints an information line that is no check. */
  void info(String text) {
    out.println("[--] " + text);
    out.flush();
  }

  /** Prints an indented detail line under the previous step. */
  void detail(String text) {
    out.println("       " + text);
    out.flush();
  }

  /**
   * Checks that {@code actual} equals {@code expected} and prints the step.
   *
   * @param step what happened, such as {@code replayed request rejected}
   * @return whether the check passed
   */
  boolean check(String step, Object expected, Object actual) {
    String expectedText = String.valueOf(expected);
    String actualText = String.valueOf(actual);
    if (Objects.equals(expectedText, actualText)) {
      passed++;
      out.println("[ok] " + step + ": " + actualText);
    } else {
      failed++;
      out.println("[FAIL] " + step + ": expected " + expectedText + ", got " + actualText);
    }
    out.flush();
    return expectedText.equals(actualText);
  }

  /** Prints a step that failed with an error before its check could run. */
  void fail(String step, Throwable error) {
    failed++;
    out.println("[FAIL] " + step + ": " + Errors.describe(error));
    out.flush();
  }

  /** Returns whether every check passed and at least one ran. */
  boolean allPassed() {
    return failed == 0 && passed > 0;
  }

  /** Prints the closing summary line. */
  void summary(String cleanup) {
    out.printf("%d of %d checks passed; %s%n", passed, passed + failed, cleanup);
    out.flush();
  }
}
