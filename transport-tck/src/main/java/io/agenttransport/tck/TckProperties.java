package io.agenttransport.tck;

import java.nio.file.Path;
import java.time.Duration;

/** The system properties that tune the TCK, with their defaults. */
public final class TckProperties {
  /** The longest the TCK waits for one call or event, in seconds; default 10. */
  public static final String TIMEOUT_SECONDS = "agenttransport.tck.timeoutSeconds";

  /** The folder the compliance report is written to; default {@code target/tck-report}. */
  public static final String REPORT_DIR = "agenttransport.tck.reportDir";

  private TckProperties() {}

  /** Returns the value of {@link #TIMEOUT_SECONDS}. */
  public static Duration timeout() {
    String text = System.getProperty(TIMEOUT_SECONDS, "10");
    try {
      long seconds = Long.parseLong(text.trim());
      if (seconds < 1) {
        throw new NumberFormatException("below 1");
      }
      return Duration.ofSeconds(seconds);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "invalid system property "
              + TIMEOUT_SECONDS
              + "='"
              + text
              + "': expected a whole number of seconds of at least 1",
          e);
    }
  }

  /** Returns the value of {@link #REPORT_DIR}. */
  public static Path reportDir() {
    return Path.of(System.getProperty(REPORT_DIR, "target/tck-report"));
  }
}
