package io.agenttransport.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JmhSuiteTest {
  @Test
  void medianOfOddCountIsMiddleValue() {
    assertThat(JmhSuite.median(new double[] {9, 1, 5})).isEqualTo(5);
  }

  @Test
  void medianOfEvenCountAveragesMiddle() {
    assertThat(JmhSuite.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
  }

  @Test
  void pairedRatioReplacesRatioOfValues() {
    Row row =
        Row.ratio("Section", "framework", 120, "µs", "raw", 100, 1.10, "").withPairedRatio(1.05);

    assertThat(row.ratioValue()).isEqualTo(1.05);
    assertThat(row.status()).isEqualTo("met");
  }
}
