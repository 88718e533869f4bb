package io.agenttransport.cli;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.CallListener;
import io.agenttransport.config.ConfigException;
import io.agenttransport.config.ConfigLoader;
import io.agenttransport.config.CoreConfig;
import io.agenttransport.registry.TransportRegistry;
import io.agenttransport.runtime.CoreTransports;
import io.agenttransport.spi.ClientTransport;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Core's side of the link as the command line builds it from one configuration file.
 *
 * @param config core's configuration
 * @param transport the client transport that the {@code transport} key selected
 */
public record CoreClient(CoreConfig config, ClientTransport transport) implements AutoCloseable {
  /** Validates the components. */
  public CoreClient {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(transport, "transport");
  }

  /**
   * Loads core's configuration from {@code file} and builds its transport.
   *
   * @throws ConfigException if the file or a value in it cannot be used
   */
  public static CoreClient open(Path file) {
    CoreConfig config = ConfigLoader.loadCore(file);
    // TODO: build through transport-guice's CoreTransportModule once that module exists.
    ClientTransport transport =
        CoreTransports.create(config, TransportRegistry.load(), CallListener.NONE);
    return new CoreClient(config, transport);
  }

  /**
   * Returns the agent named by {@code --agent}, or the first configured agent.
   *
   * @throws ConfigException if neither names an agent
   */
  public AgentAddress agentOrFirst(@Nullable AgentAddress requested) {
    if (requested != null) {
      return requested;
    }
    if (config.agents().isEmpty()) {
      throw new ConfigException(
          "agents", "no agent is configured: add one under 'agents' or pass --agent URI");
    }
    return config.agents().get(0);
  }

  @Override
  public void close() {
    transport.close();
  }
}
