package io.agenttransport.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FleetHarnessTest {
  private static final double[] ROUNDS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

  @Test
  void percentileFiftyIsNearestRankMedian() {
    assertThat(FleetHarness.percentile(ROUNDS, 50)).isEqualTo(5);
  }

  @Test
  void percentile99OfTenRoundsIsMaximum() {
    assertThat(FleetHarness.percentile(ROUNDS, 99)).isEqualTo(10);
  }

  @Test
  void percentileOfOneRoundIsThatRound() {
    assertThat(FleetHarness.percentile(new double[] {7}, 99)).isEqualTo(7);
  }
}
