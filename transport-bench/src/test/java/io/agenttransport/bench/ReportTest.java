package io.agenttransport.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {
  private static final String SECTION = "Per-call overhead";

  @Test
  void ratioWithinTargetIsMet() {
    Row row = Row.ratio(SECTION, "framework", 99, "µs", "raw", 90, 1.10, "");

    assertThat(row.ratioValue()).isCloseTo(1.1, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(row.status()).isEqualTo("met");
  }

  @Test
  void ratioAboveTargetIsMissed() {
    Row row = Row.ratio(SECTION, "framework", 100, "µs", "raw", 90, 1.10, "");

    assertThat(row.status()).isEqualTo("missed");
  }

  @Test
  void limitAboveMaximumIsMissed() {
    Row row = Row.limit("Memory", "heap per channel", 2049, "B", 2048, "");

    assertThat(row.status()).isEqualTo("missed");
    assertThat(row.targetText()).isEqualTo("<= 2,048 B");
  }

  @Test
  void missingBaselineIsNotMeasured() {
    Row row = Row.compared(SECTION, "framework", 100, "µs", "raw", Double.NaN, "");

    assertThat(row.measured()).isFalse();
    assertThat(row.status()).isEqualTo("not measured");
  }

  @Test
  void figureWithoutTargetHasNoStatus() {
    Row row = Row.plain("Handshake", "TCP connect", 0.05, "ms", "");

    assertThat(row.status()).isEqualTo("-");
    assertThat(row.targetText()).isEqualTo("-");
  }

  @Test
  void markdownListsEveryRowUnderItsSection() {
    Report report =
        new Report(
            "bench/run",
            "2 cores",
            "2026-12-04T17:00:00Z",
            42,
            List.of(
                Row.ratio(SECTION, "framework HTTP, mean", 95, "µs", "raw, mean", 90, 1.10, "a|b"),
                Row.failed("Memory", "heap per channel", "B", "provider missing")));

    String page = report.toMarkdown();

    assertThat(page).contains("Reproduce with `bench/run`");
    assertThat(page).contains("## " + SECTION);
    assertThat(page)
        .contains(
            "| framework HTTP, mean | 95.0 µs | raw, mean | 90.0 µs | 1.06x | <= 1.10x | met |");
    assertThat(page).contains("a\\|b");
    assertThat(page).contains("| heap per channel | - | - | - | - | - | not measured |");
    assertThat(page).contains("## Method");
  }

  @Test
  void unmeasuredListsOnlyFailedRows() {
    Row failed = Row.failed("Memory", "heap per channel", "B", "provider missing");
    Report report =
        new Report(
            "bench/run",
            "2 cores",
            "2026-12-04T17:00:00Z",
            1,
            List.of(Row.plain("Memory", "measured", 10, "B", ""), failed));

    assertThat(report.unmeasured()).containsExactly(failed);
  }
}
