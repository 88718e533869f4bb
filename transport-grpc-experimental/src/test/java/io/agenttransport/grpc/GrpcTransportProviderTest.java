package io.agenttransport.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agenttransport.config.ConfigException;
import io.agenttransport.spi.TransportProvider;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class GrpcTransportProviderTest {
  @Test
  void serviceLoaderFindsProvider() {
    assertThat(ServiceLoader.load(TransportProvider.class))
        .anySatisfy(provider -> assertThat(provider).isInstanceOf(GrpcTransportProvider.class));
  }

  @Test
  void providerIsNamedGrpc() {
    GrpcTransportProvider provider = new GrpcTransportProvider();

    assertThat(provider.name()).isEqualTo("grpc");
    assertThat(provider.schemes()).containsExactlyInAnyOrder("grpcs", "grpc");
  }

  @Test
  void providerIsAvailable() {
    assertThat(new GrpcTransportProvider().availability().available()).isTrue();
  }

  @Test
  void optionsDefaultWhenEmpty() {
    assertThat(GrpcTransportOptions.parse(Map.of())).isEqualTo(GrpcTransportOptions.DEFAULTS);
  }

  @Test
  void optionsReadDurations() {
    GrpcTransportOptions options =
        GrpcTransportOptions.parse(Map.of("keepalive_time", "30s", "keepalive_timeout", "500ms"));

    assertThat(options.keepAliveTime()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.keepAliveTimeout()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void unknownOptionIsRejected() {
    assertThatThrownBy(() -> GrpcTransportOptions.parse(Map.of("keepalive", "30s")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("options.grpc.keepalive")
        .hasMessageContaining("keepalive_time");
  }

  @Test
  void invalidDurationIsRejected() {
    assertThatThrownBy(() -> GrpcTransportOptions.parse(Map.of("keepalive_time", "soon")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("options.grpc.keepalive_time");
  }
}
