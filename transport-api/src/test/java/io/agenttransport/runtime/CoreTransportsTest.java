package io.agenttransport.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agenttransport.agent.ReferenceAgent;
import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentChannel;
import io.agenttransport.api.CallListener;
import io.agenttransport.api.ChannelClosedException;
import io.agenttransport.config.ClientSettings;
import io.agenttransport.config.ConfigException;
import io.agenttransport.config.CoreConfig;
import io.agenttransport.model.NodeInfo;
import io.agenttransport.registry.TransportRegistry;
import io.agenttransport.spi.ClientTransport;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CoreTransportsTest {
  private static final AgentAddress ADDRESS = new AgentAddress("mem", "127.0.0.1", 40_001);

  private final TransportRegistry registry = TransportRegistry.load();
  private final ReferenceAgent agent = ReferenceAgent.create("node-mem");

  @BeforeEach
  void registerAgent() {
    InMemoryProvider.CLIENT_CONTEXTS.clear();
    InMemoryProvider.SERVERS.put(ADDRESS, agent);
  }

  @AfterEach
  void removeAgent() {
    InMemoryProvider.SERVERS.remove(ADDRESS);
    agent.close();
  }

  @Test
  void openRoutesByScheme() throws Exception {
    try (ClientTransport transport =
            CoreTransports.create(config("memory"), registry, CallListener.NONE);
        AgentChannel channel = transport.open(ADDRESS)) {

      NodeInfo info = channel.nodeInfo().get(10, TimeUnit.SECONDS);

      assertThat(info.nodeId()).isEqualTo("node-mem");
    }
  }

  @Test
  void providerReceivesItsOptions() {
    try (ClientTransport transport =
        CoreTransports.create(config("memory"), registry, CallListener.NONE)) {

      transport.open(ADDRESS);

      assertThat(InMemoryProvider.CLIENT_CONTEXTS).hasSize(1);
      assertThat(InMemoryProvider.CLIENT_CONTEXTS.get(0).options()).containsEntry("pool", "4");
      assertThat(InMemoryProvider.CLIENT_CONTEXTS.get(0).tls()).isNull();
      assertThat(InMemoryProvider.CLIENT_CONTEXTS.get(0).signer()).isNull();
    }
  }

  @Test
  void clientCreatedLazilyOnce() {
    try (ClientTransport transport =
        CoreTransports.create(config("memory"), registry, CallListener.NONE)) {
      assertThat(InMemoryProvider.CLIENT_CONTEXTS).isEmpty();

      transport.open(ADDRESS);
      transport.open(new AgentAddress("mem", "127.0.0.1", 40_002));

      assertThat(InMemoryProvider.CLIENT_CONTEXTS).hasSize(1);
    }
  }

  @Test
  void unknownSchemeListsServedSchemes() {
    try (ClientTransport transport =
        CoreTransports.create(config("memory"), registry, CallListener.NONE)) {

      assertThatThrownBy(() -> transport.open(AgentAddress.parse("https://db-1.internal:8443")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("scheme 'https'")
          .hasMessageContaining("https://db-1.internal:8443")
          .hasMessageContaining("[mem]");
    }
  }

  @Test
  void unknownTransportFailsAtCreate() {
    assertThatThrownBy(
            () -> CoreTransports.create(config("carrier-pigeon"), registry, CallListener.NONE))
        .isInstanceOfSatisfying(
            ConfigException.class, e -> assertThat(e.key()).isEqualTo("transport"))
        .hasMessageContaining("no transport provider named 'carrier-pigeon'")
        .hasMessageContaining("memory (" + InMemoryProvider.class.getName() + "): available");
  }

  @Test
  void openAfterCloseFails() {
    ClientTransport transport =
        CoreTransports.create(config("memory"), registry, CallListener.NONE);
    transport.open(ADDRESS);

    transport.close();

    assertThatThrownBy(() -> transport.open(ADDRESS)).isInstanceOf(ChannelClosedException.class);
  }

  @Test
  void closeClosesProviderClients() {
    ClientTransport transport =
        CoreTransports.create(config("memory"), registry, CallListener.NONE);
    transport.open(ADDRESS);
    InMemoryProvider.Client client = (InMemoryProvider.Client) lastClient(transport);

    transport.close();

    assertThat(client.closed).isTrue();
  }

  private static ClientTransport lastClient(ClientTransport routing) {
    return ((RoutingClientTransport) routing).clientFor("memory");
  }

  private static CoreConfig config(String transport) {
    return new CoreConfig(
        transport,
        null,
        null,
        ClientSettings.DEFAULTS,
        List.of(ADDRESS),
        Map.of("memory", Map.of("pool", "4")));
  }
}
