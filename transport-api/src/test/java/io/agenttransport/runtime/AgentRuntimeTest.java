package io.agenttransport.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agenttransport.agent.ReferenceAgent;
import io.agenttransport.api.CallListener;
import io.agenttransport.config.ActionsMode;
import io.agenttransport.config.AgentConfig;
import io.agenttransport.config.ConfigException;
import io.agenttransport.config.ReplaySettings;
import io.agenttransport.config.ServerSettings;
import io.agenttransport.config.SignatureSettings;
import io.agenttransport.registry.TransportRegistry;
import io.agenttransport.spi.AgentServer;
import io.agenttransport.spi.ServerContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgentRuntimeTest {
  private final TransportRegistry registry = TransportRegistry.load();
  private final ReferenceAgent agent = ReferenceAgent.create("node-runtime");

  @BeforeEach
  void clearContexts() {
    InMemoryProvider.SERVER_CONTEXTS.clear();
  }

  @AfterEach
  void closeAgent() {
    agent.close();
  }

  @Test
  void plainTextServesWithoutActions() {
    try (AgentServer server =
        AgentRuntime.start(
            config("memory", ActionsMode.AUTO), agent, registry, CallListener.NONE)) {

      assertThat(server.actionsEnabled()).isFalse();
      assertThat(InMemoryProvider.SERVERS).containsEntry(server.boundAddress(), agent);
    }
  }

  @Test
  void providerReceivesGuardAndOptions() {
    try (AgentServer server =
        AgentRuntime.start(
            config("memory", ActionsMode.AUTO), agent, registry, CallListener.NONE)) {

      ServerContext context = InMemoryProvider.SERVER_CONTEXTS.get(0);

      assertThat(context.options()).containsEntry("queue", "8");
      assertThat(context.tls()).isNull();
      assertThat(context.guard().actionsEnabled()).isFalse();
      assertThat(context.guard().actionsReason()).isNotBlank();
    }
  }

  @Test
  void actionsWithoutTlsFail() {
    AgentConfig config = config("memory", ActionsMode.ENABLED);

    assertThatThrownBy(() -> AgentRuntime.start(config, agent, registry, CallListener.NONE))
        .isInstanceOf(ConfigException.class);
    assertThat(InMemoryProvider.SERVER_CONTEXTS).isEmpty();
  }

  @Test
  void unknownTransportFails() {
    AgentConfig config = config("smoke-signals", ActionsMode.AUTO);

    assertThatThrownBy(() -> AgentRuntime.start(config, agent, registry, CallListener.NONE))
        .isInstanceOfSatisfying(
            ConfigException.class, e -> assertThat(e.key()).isEqualTo("transport"))
        .hasMessageContaining("smoke-signals");
  }

  private static AgentConfig config(String transport, ActionsMode actions) {
    return new AgentConfig(
        transport,
        ServerSettings.DEFAULTS,
        null,
        actions,
        new SignatureSettings(List.of(), ReplaySettings.DEFAULTS, false, List.of()),
        Map.of("memory", Map.of("queue", "8")));
  }
}
