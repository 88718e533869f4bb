package io.agenttransport.model;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The version of an agent or of a datastore.
 *
 * @param checkout the source checkout (commit or tag), if known
 * @param number the version number
 * @param extra agents: whether the build is tainted ({@code taint}); stores: extra version text
 */
public record VersionInfo(@Nullable String checkout, String number, @Nullable String extra) {
  /** Validates the components. */
  public VersionInfo {
    Objects.requireNonNull(number, "number");
  }
}
