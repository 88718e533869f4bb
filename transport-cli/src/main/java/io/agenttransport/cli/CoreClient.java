package io.agenttransport.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import io.agenttransport.api.AgentAddress;
import io.agenttransport.config.ConfigException;
import io.agenttransport.config.CoreConfig;
import io.agenttransport.guice.CoreTransportModule;
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
   * Loads core's configuration from {@code file} and builds its transport through Guice with {@link
   * CoreTransportModule}, so that the file's {@code transport} key selects the provider.
   *
   * @throws ConfigException if the file or a value in it cannot be used
   * @throws com.google.inject.ProvisionException wrapping any other failure to build the transport
   */
  public static CoreClient open(Path file) {
    Injector injector = Guice.createInjector(new CoreTransportModule(file));
    try {
      CoreConfig config = injector.getInstance(CoreConfig.class);
      return new CoreClient(config, injector.getInstance(ClientTransport.class));
    } catch (ProvisionException e) {
      throw configErrorOr(e);
    }
  }

  /** Returns the configuration error that Guice wrapped, or the Guice error itself. */
  private static RuntimeException configErrorOr(ProvisionException error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConfigException config) {
        return config;
      }
    }
    return error;
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
