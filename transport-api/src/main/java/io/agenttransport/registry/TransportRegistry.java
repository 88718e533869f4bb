package io.agenttransport.registry;

import io.agenttransport.spi.TransportProvider;
import java.util.List;

/**
 * The transport providers found with {@link java.util.ServiceLoader}, and selection among them by
 * name or address scheme.
 */
public final class TransportRegistry {
  // TODO: implement (api work in progress)

  private TransportRegistry() {}

  /** Loads the providers visible to the thread's context class loader. */
  public static TransportRegistry load() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Loads the providers visible to {@code loader}. */
  public static TransportRegistry load(ClassLoader loader) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Returns a registry of the given providers, for tests and embedding. */
  public static TransportRegistry of(List<TransportProvider> providers) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * Returns the available provider named {@code name}.
   *
   * @throws io.agenttransport.config.ConfigException if no provider has that name or it is
   *     unavailable, listing every provider found and why each unavailable one is unavailable
   */
  public TransportProvider select(String name) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
