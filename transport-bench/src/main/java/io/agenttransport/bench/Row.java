package io.agenttransport.bench;

import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One line of the benchmark report: a figure, the baseline measured in the same run, their ratio
 * and the target it is held to.
 *
 * @param section the heading the row is listed under
 * @param figure what was measured
 * @param value the measured value, or {@code NaN} when it could not be measured
 * @param unit the unit of {@code value} and {@code baselineValue}
 * @param baseline what the figure is compared with, or {@code null} for a figure on its own
 * @param baselineValue the baseline's value, or {@code NaN}
 * @param maxRatio the largest {@code value / baselineValue} that meets the target, or {@code NaN}
 * @param maxValue the largest {@code value} that meets the target, or {@code NaN}
 * @param note how the figure was measured, or why it was not
 * @param pairedRatio the median of ratios taken pass by pass, or {@code NaN} to use {@code value /
 *     baselineValue}; pass-by-pass ratios hold up better when the machine's load drifts
 */
public record Row(
    String section,
    String figure,
    double value,
    String unit,
    @Nullable String baseline,
    double baselineValue,
    double maxRatio,
    double maxValue,
    String note,
    double pairedRatio) {
  /** Validates the components. */
  public Row {
    Objects.requireNonNull(section, "section");
    Objects.requireNonNull(figure, "figure");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(note, "note");
  }

  /** Returns a figure held to {@code value / baselineValue <= maxRatio}. */
  public static Row ratio(
      String section,
      String figure,
      double value,
      String unit,
      String baseline,
      double baselineValue,
      double maxRatio,
      String note) {
    return new Row(
        section,
        figure,
        value,
        unit,
        baseline,
        baselineValue,
        maxRatio,
        Double.NaN,
        note,
        Double.NaN);
  }

  /** Returns a figure compared with a baseline but held to no target. */
  public static Row compared(
      String section,
      String figure,
      double value,
      String unit,
      String baseline,
      double baselineValue,
      String note) {
    return ratio(section, figure, value, unit, baseline, baselineValue, Double.NaN, note);
  }

  /** Returns a figure held to {@code value <= maxValue}. */
  public static Row limit(
      String section, String figure, double value, String unit, double maxValue, String note) {
    return new Row(
        section, figure, value, unit, null, Double.NaN, Double.NaN, maxValue, note, Double.NaN);
  }

  /** Returns a figure on its own, with no baseline and no target. */
  public static Row plain(String section, String figure, double value, String unit, String note) {
    return limit(section, figure, value, unit, Double.NaN, note);
  }

  /** Returns a row for a figure that could not be measured, and why. */
  public static Row failed(String section, String figure, String unit, String reason) {
    return plain(section, figure, Double.NaN, unit, "not measured: " + reason);
  }

  /** Returns a copy whose ratio is {@code ratio}, the median of pass-by-pass ratios. */
  public Row withPairedRatio(double ratio) {
    return new Row(
        section, figure, value, unit, baseline, baselineValue, maxRatio, maxValue, note, ratio);
  }

  /** Returns whether the figure and, if there is one, the baseline were measured. */
  public boolean measured() {
    return !Double.isNaN(value) && (baseline == null || !Double.isNaN(baselineValue));
  }

  /**
   * Returns the paired ratio if there is one, else {@code value / baselineValue}, or {@code NaN}
   * without a baseline.
   */
  public double ratioValue() {
    if (baseline == null) {
      return Double.NaN;
    }
    return Double.isNaN(pairedRatio) ? value / baselineValue : pairedRatio;
  }

  /** Returns whether the row has a target. */
  public boolean hasTarget() {
    return !Double.isNaN(maxRatio) || !Double.isNaN(maxValue);
  }

  /** Returns the target as text, such as {@code <= 1.10x}, or a dash without one. */
  public String targetText() {
    if (!Double.isNaN(maxRatio)) {
      return "<= " + String.format(Locale.ROOT, "%.2f", maxRatio) + "x";
    }
    if (!Double.isNaN(maxValue)) {
      return "<= " + format(maxValue) + " " + unit;
    }
    return "-";
  }

  /** Returns {@code met}, {@code missed}, {@code not measured} or a dash without a target. */
  public String status() {
    if (!measured()) {
      return "not measured";
    }
    if (!hasTarget()) {
      return "-";
    }
    boolean met =
        (Double.isNaN(maxRatio) || ratioValue() <= maxRatio)
            && (Double.isNaN(maxValue) || value <= maxValue);
    return met ? "met" : "missed";
  }

  /** Formats a value with three significant digits, or a dash for {@code NaN}. */
  public static String format(double number) {
    if (Double.isNaN(number)) {
      return "-";
    }
    double magnitude = Math.abs(number);
    if (magnitude >= 100 || magnitude == 0) {
      return String.format(Locale.ROOT, "%,.0f", number);
    }
    if (magnitude >= 10) {
      return String.format(Locale.ROOT, "%.1f", number);
    }
    return String.format(Locale.ROOT, "%.2f", number);
  }
}
