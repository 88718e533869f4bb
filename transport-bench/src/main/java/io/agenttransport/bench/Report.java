package io.agenttransport.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Renders the rows of one run as the Markdown page {@code docs/benchmarks.md}: how to reproduce it,
 * the machine, one table per section, then the description of the method kept in the resource
 * {@code benchmarks-method.md}.
 *
 * @param command the command that produced the rows
 * @param machine a one-line description of the machine and JVM
 * @param startedAt when the run started, as ISO-8601 UTC
 * @param elapsedSeconds how long the run took
 * @param rows every row of the run, in report order
 */
public record Report(
    String command, String machine, String startedAt, long elapsedSeconds, List<Row> rows) {
  private static final String METHOD_RESOURCE = "/benchmarks-method.md";

  /** Validates the components and copies the rows. */
  public Report {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(machine, "machine");
    Objects.requireNonNull(startedAt, "startedAt");
    rows = List.copyOf(rows);
  }

  /** Returns the rows that could not be measured. */
  public List<Row> unmeasured() {
    return rows.stream().filter(row -> !row.measured()).toList();
  }

  /** Returns the rows whose target was missed. */
  public List<Row> missed() {
    return rows.stream().filter(row -> "missed".equals(row.status())).toList();
  }

  /** Returns the whole page. */
  public String toMarkdown() {
    StringBuilder page = new StringBuilder();
    page.append("# Benchmarks\n\n");
    page.append("<!-- Written by bench/run; edit the generator, not this page. -->\n\n");
    page.append("Reproduce with `").append(command).append("` from the repository root. ");
    page.append("It builds `transport-bench`, runs the JMH benchmarks and the plain harness, ");
    page.append("and rewrites this page. `bench/run --smoke` runs every figure with tiny counts ");
    page.append("in well under a minute and fails if any figure is missing; its numbers mean ");
    page.append("nothing.\n\n");
    page.append("The machine is shared and noisy, so compare ratios: each figure's baseline ran ");
    page.append("in the same run on the same machine.\n\n");
    page.append("- Machine: ").append(machine).append('\n');
    page.append("- Run started: ").append(startedAt).append(", took ");
    page.append(elapsedSeconds).append(" s\n");
    page.append("- Targets: ").append(missed().size()).append(" missed, ");
    page.append(unmeasured().size()).append(" figures not measured\n");
    sections().forEach((section, sectionRows) -> appendSection(page, section, sectionRows));
    page.append('\n').append(method());
    return page.toString();
  }

  private Map<String, List<Row>> sections() {
    Map<String, List<Row>> sections = new LinkedHashMap<>();
    for (Row row : rows) {
      sections.computeIfAbsent(row.section(), key -> new java.util.ArrayList<>()).add(row);
    }
    return sections;
  }

  private static void appendSection(StringBuilder page, String section, List<Row> rows) {
    page.append("\n## ").append(section).append("\n\n");
    page.append(
        "| figure | value | baseline | baseline value | ratio | target | status | notes |\n");
    page.append("|---|---:|---|---:|---:|---|---|---|\n");
    for (Row row : rows) {
      page.append("| ").append(escape(row.figure()));
      page.append(" | ").append(withUnit(row.value(), row.unit()));
      page.append(" | ").append(row.baseline() == null ? "-" : escape(row.baseline()));
      page.append(" | ")
          .append(row.baseline() == null ? "-" : withUnit(row.baselineValue(), row.unit()));
      page.append(" | ").append(ratio(row));
      page.append(" | ").append(escape(row.targetText()));
      page.append(" | ").append(row.status());
      page.append(" | ").append(escape(row.note()));
      page.append(" |\n");
    }
  }

  private static String withUnit(double value, String unit) {
    return Double.isNaN(value) ? "-" : Row.format(value) + " " + unit;
  }

  private static String ratio(Row row) {
    double ratio = row.ratioValue();
    return Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2fx", ratio);
  }

  private static String escape(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  private static String method() {
    try (InputStream input = Report.class.getResourceAsStream(METHOD_RESOURCE)) {
      if (input == null) {
        throw new IllegalStateException("resource " + METHOD_RESOURCE + " is missing from the jar");
      }
      return new String(input.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + METHOD_RESOURCE, e);
    }
  }
}
