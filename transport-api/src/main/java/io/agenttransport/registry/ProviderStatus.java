package io.agenttransport.registry;

import io.agenttransport.spi.Availability;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the registry found for one provider entry: its name and class, whether it can be used, and
 * why not.
 *
 * @param name the provider's name, or {@code null} if the provider could not be loaded
 * @param className the provider's class name, as listed in the services file
 * @param availability whether the provider can be used, which is never the case when {@code
 *     loadError} is set
 * @param loadError why the provider could not be loaded or asked about itself, or {@code null}
 */
public record ProviderStatus(
    @Nullable String name,
    String className,
    Availability availability,
    @Nullable String loadError) {
  /** Validates the components. */
  public ProviderStatus {
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(availability, "availability");
  }

  /** Returns whether the provider was loaded and reports itself available. */
  public boolean usable() {
    return loadError == null && availability.available();
  }

  /** Describes the entry for error messages, such as {@code http (io.example.Http): available}. */
  public String describe() {
    String label = name == null ? "(not loaded)" : name;
    String state = usable() ? "available" : "unavailable: " + availability.reason();
    return label + " (" + className + "): " + state;
  }
}
