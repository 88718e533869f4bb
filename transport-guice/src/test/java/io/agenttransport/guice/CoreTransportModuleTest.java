package io.agenttransport.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.util.Modules;
import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.CallListener;
import io.agenttransport.config.ConfigException;
import io.agenttransport.config.CoreConfig;
import io.agenttransport.spi.ClientTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoreTransportModuleTest {
  private static final AgentAddress AGENT = AgentAddress.parse("rec://127.0.0.1:9000");

  @TempDir Path dir;

  @BeforeEach
  void clearCreations() {
    RecordingProviders.CREATIONS.clear();
  }

  @Test
  void yamlSelectsNamedProvider() throws IOException {
    Path file =
        yaml(
            "transport: recording\nagents: [rec://127.0.0.1:9000]\n"
                + "options:\n  recording:\n    mode: test\n");
    Injector injector = Guice.createInjector(new CoreTransportModule(file));

    ClientTransport transport = injector.getInstance(ClientTransport.class);
    transport.open(AGENT);

    assertThat(injector.getInstance(CoreConfig.class).agents()).containsExactly(AGENT);
    assertThat(RecordingProviders.CREATIONS).hasSize(1);
    assertThat(RecordingProviders.CREATIONS.get(0).provider()).isEqualTo("recording");
    assertThat(RecordingProviders.CREATIONS.get(0).context().options())
        .containsEntry("mode", "test");
    transport.close();
  }

  @Test
  void transportIsSingleton() throws IOException {
    Injector injector =
        Guice.createInjector(new CoreTransportModule(yaml("transport: recording\n")));

    ClientTransport first = injector.getInstance(ClientTransport.class);
    ClientTransport second = injector.getInstance(ClientTransport.class);

    assertThat(first).isSameAs(second);
  }

  @Test
  void listenerDefaultsToNone() throws IOException {
    Injector injector =
        Guice.createInjector(new CoreTransportModule(yaml("transport: recording\n")));

    injector.getInstance(ClientTransport.class).open(AGENT);

    assertThat(RecordingProviders.CREATIONS.get(0).context().listener())
        .isSameAs(CallListener.NONE);
  }

  @Test
  void optionalBindingSetsListener() throws IOException {
    CallListener listener = event -> {};
    Injector injector =
        Guice.createInjector(
            new CoreTransportModule(yaml("transport: recording\n")),
            new AbstractModule() {
              @Override
              protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), CallListener.class)
                    .setBinding()
                    .toInstance(listener);
              }
            });

    injector.getInstance(ClientTransport.class).open(AGENT);

    assertThat(RecordingProviders.CREATIONS.get(0).context().listener()).isSameAs(listener);
  }

  @Test
  void overrideSetsListener() throws IOException {
    CallListener listener = event -> {};
    Injector injector =
        Guice.createInjector(
            Modules.override(new CoreTransportModule(yaml("transport: recording\n")))
                .with(
                    new AbstractModule() {
                      @Override
                      protected void configure() {
                        bind(CallListener.class).toInstance(listener);
                      }
                    }));

    injector.getInstance(ClientTransport.class).open(AGENT);

    assertThat(RecordingProviders.CREATIONS.get(0).context().listener()).isSameAs(listener);
  }

  @Test
  void unknownTransportFailsWithConfigError() throws IOException {
    Injector injector =
        Guice.createInjector(new CoreTransportModule(yaml("transport: telegraph\n")));

    assertThatThrownBy(() -> injector.getInstance(ClientTransport.class))
        .isInstanceOf(ProvisionException.class)
        .hasCauseInstanceOf(ConfigException.class)
        .hasMessageContaining("no transport provider named 'telegraph'")
        .hasMessageContaining("recording (");
  }

  private Path yaml(String text) throws IOException {
    return Files.writeString(dir.resolve("core.yaml"), text);
  }
}
