package io.agenttransport.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import io.agenttransport.api.CallListener;
import io.agenttransport.config.ConfigLoader;
import io.agenttransport.config.CoreConfig;
import io.agenttransport.registry.TransportRegistry;
import io.agenttransport.runtime.CoreTransports;
import io.agenttransport.spi.ClientTransport;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Binds core's configuration, the transport provider registry and core's {@link ClientTransport}.
 *
 * <p>The bindings are {@link CoreConfig}, {@link TransportRegistry} (the providers on the class
 * path), {@link ClientTransport} (a singleton made by {@link CoreTransports#create}) and {@link
 * CallListener}, which is {@link CallListener#NONE} unless the application sets it with {@code
 * OptionalBinder.newOptionalBinder(binder(), CallListener.class).setBinding()} or replaces it with
 * {@code Modules.override}. The injector does not close the transport: the application closes it on
 * shutdown.
 */
public final class CoreTransportModule extends AbstractModule {
  private final Supplier<CoreConfig> config;

  /** Creates the module from core's YAML file, loaded when {@link CoreConfig} is first injected. */
  public CoreTransportModule(Path configFile) {
    Objects.requireNonNull(configFile, "configFile");
    this.config = () -> ConfigLoader.loadCore(configFile);
  }

  /** Creates the module from a configuration already loaded. */
  public CoreTransportModule(CoreConfig config) {
    Objects.requireNonNull(config, "config");
    this.config = () -> config;
  }

  @Override
  protected void configure() {
    OptionalBinder.newOptionalBinder(binder(), CallListener.class)
        .setDefault()
        .toInstance(CallListener.NONE);
  }

  @Provides
  @Singleton
  CoreConfig coreConfig() {
    return config.get();
  }

  @Provides
  @Singleton
  TransportRegistry transportRegistry() {
    return TransportRegistry.load();
  }

  @Provides
  @Singleton
  ClientTransport clientTransport(
      CoreConfig coreConfig, TransportRegistry registry, CallListener listener) {
    return CoreTransports.create(coreConfig, registry, listener);
  }
}
