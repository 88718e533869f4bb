package io.agenttransport.tck.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.agenttransport.tck.TckProperties;
import io.agenttransport.tck.TckRuns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Writes the compliance report of every TCK run in the test plan: {@code <provider>.md} and {@code
 * <provider>.json} in {@code target/tck-report} (see {@link TckProperties#REPORT_DIR}), and prints
 * one summary line per provider, {@code TCK <provider>: N passed, N failed, N skipped}.
 *
 * <p>Registered through {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}
 * in the TCK jar, so that any launcher that loads listeners (Maven Surefire, Gradle, IDEs) writes
 * the report without configuration. Tests that do not follow the rule naming pattern are ignored.
 */
public final class TckReportListener implements TestExecutionListener {
  private final Map<String, List<RuleResult>> resultsByClass = new ConcurrentHashMap<>();

  @Override
  public void executionSkipped(TestIdentifier test, String reason) {
    record(test, "skipped", reason);
  }

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    String status =
        switch (result.getStatus()) {
          case SUCCESSFUL -> "passed";
          case ABORTED -> "skipped";
          case FAILED -> "failed";
        };
    String reason = result.getThrowable().map(TckReportListener::describe).orElse(null);
    record(test, status, reason);
  }

  private static String describe(Throwable failure) {
    String message = failure.getMessage();
    return message == null ? failure.getClass().getName() : message.strip();
  }

  private void record(TestIdentifier test, String status, String reason) {
    if (!test.isTest() || test.getSource().isEmpty()) {
      return;
    }
    if (!(test.getSource().get() instanceof MethodSource method)
        || !RuleResult.isRule(method.getMethodName())) {
      return;
    }
    resultsByClass
        .computeIfAbsent(
            method.getClassName(),
            name -> java.util.Collections.synchronizedList(new ArrayList<>()))
        .add(RuleResult.of(method.getMethodName(), status, reason));
  }

  @Override
  public void testPlanExecutionFinished(TestPlan plan) {
    for (Map.Entry<String, List<RuleResult>> entry : resultsByClass.entrySet()) {
      String provider = TckRuns.providerName(entry.getKey());
      List<RuleResult> results = new ArrayList<>(entry.getValue());
      results.sort(java.util.Comparator.comparing(RuleResult::test));
      write(provider, entry.getKey(), results);
      System.out.println(summary(provider, results));
    }
    resultsByClass.clear();
  }

  /** Returns the one-line summary of a provider's run. */
  static String summary(String provider, List<RuleResult> results) {
    Map<String, Long> counts = counts(results);
    return "TCK "
        + provider
        + ": "
        + counts.get("passed")
        + " passed, "
        + counts.get("failed")
        + " failed, "
        + counts.get("skipped")
        + " skipped";
  }

  private static Map<String, Long> counts(List<RuleResult> results) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String status : List.of("passed", "failed", "skipped")) {
      counts.put(status, results.stream().filter(r -> r.status().equals(status)).count());
    }
    return counts;
  }

  private static void write(String provider, String testClass, List<RuleResult> results) {
    Path dir = TckProperties.reportDir();
    try {
      Files.createDirectories(dir);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("provider", provider);
      json.put("testClass", testClass);
      json.put("counts", counts(results));
      json.put("rules", results);
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(dir.resolve(provider + ".json").toFile(), json);
      Files.writeString(
          dir.resolve(provider + ".md"),
          markdown(provider, testClass, results),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the TCK report for " + provider + " to " + dir, e);
    }
  }

  private static String markdown(String provider, String testClass, List<RuleResult> results) {
    StringBuilder text = new StringBuilder();
    text.append("# TCK report: ").append(provider).append("\n\n");
    text.append("Test class: `").append(testClass).append("`\n\n");
    text.append(summary(provider, results)).append("\n\n");
    text.append("| rule | level | status | test | reason |\n|---|---|---|---|---|\n");
    for (RuleResult result : results) {
      text.append("| ")
          .append(result.group())
          .append('-')
          .append(result.id())
          .append(" | ")
          .append(result.level())
          .append(" | ")
          .append(result.status())
          .append(" | `")
          .append(result.test())
          .append("` | ")
          .append(result.reason() == null ? "" : oneLine(result.reason()))
          .append(" |\n");
    }
    return text.toString();
  }

  private static String oneLine(String text) {
    String line = text.replace("\r", " ").replace("\n", " ").replace("|", "\\|");
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }
}
