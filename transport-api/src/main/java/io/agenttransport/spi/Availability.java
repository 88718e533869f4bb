package io.agenttransport.spi;

import java.util.Objects;

/**
 * Whether a provider can run here, and why not.
 *
 * @param available whether the provider can be used
 * @param reason why it cannot, or a short description when it can
 */
public record Availability(boolean available, String reason) {
  /** Validates the components. */
  public Availability {
    Objects.requireNonNull(reason, "reason");
  }

  /** Returns the availability of a provider that can be used. */
  public static Availability ok() {
    return new Availability(true, "available");
  }

  /** Returns the availability of a provider that cannot be used, with the reason. */
  public static Availability unavailable(String reason) {
    return new Availability(false, reason);
  }
}
