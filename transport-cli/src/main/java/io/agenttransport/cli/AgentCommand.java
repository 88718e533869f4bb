package io.agenttransport.cli;

import io.agenttransport.agent.ReferenceAgent;
import io.agenttransport.api.CallListener;
import io.agenttransport.config.ActionsMode;
import io.agenttransport.config.AgentConfig;
import io.agenttransport.config.AgentTlsConfig;
import io.agenttransport.config.ConfigLoader;
import io.agenttransport.registry.TransportRegistry;
import io.agenttransport.runtime.AgentRuntime;
import io.agenttransport.spi.AgentServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the reference agent on the transport that an agent's configuration names. */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description = {
      "Serves the reference agent, an in-memory agent that runs test actions, with the transport, "
          + "TLS and action settings of an agent's configuration.",
      "Stops cleanly on Ctrl-C."
    })
final class AgentCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(AgentCommand.class);

  @Spec private CommandSpec spec;

  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "The agent's YAML configuration file.")
  private Path config;

  @Option(
      names = "--node-id",
      paramLabel = "ID",
      defaultValue = "reference-agent",
      description = "The node id the agent reports. Default: ${DEFAULT-VALUE}.")
  private String nodeId;

  @Override
  public Integer call() throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    RunningAgent running =
        start(ConfigLoader.loadAgent(config), nodeId, spec.commandLine().getOut());
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("stopping agent on {}", running.server().boundAddress());
                  running.close();
                  stopped.countDown();
                },
                "agent-shutdown"));
    stopped.await();
    return AgentTransportCommand.EXIT_OK;
  }

  /**
   * Starts the reference agent with the settings of {@code config} and prints where it serves, over
   * which transport, with which TLS state, and whether actions are enabled and why.
   *
   * @throws io.agenttransport.config.ConfigException if the configuration cannot be used
   */
  static RunningAgent start(AgentConfig config, String nodeId, PrintWriter out) {
    ReferenceAgent agent = ReferenceAgent.create(nodeId);
    AgentServer server;
    try {
      server = AgentRuntime.start(config, agent, TransportRegistry.load(), CallListener.NONE);
    } catch (RuntimeException e) {
      agent.close();
      throw e;
    }
    String summary = describe(config, server);
    out.println("agent " + nodeId + " serving " + summary);
    out.println("Press Ctrl-C to stop.");
    out.flush();
    return new RunningAgent(agent, server);
  }

  /** Returns the address, transport, TLS state and action state of a started agent. */
  static String describe(AgentConfig config, AgentServer server) {
    return server.boundAddress()
        + " with transport "
        + config.transport()
        + ", "
        + tlsState(config.tls())
        + ", actions "
        + (server.actionsEnabled() ? "enabled" : "disabled")
        + " ("
        + actionsReason(config, server.actionsEnabled())
        + ")";
  }

  private static String tlsState(@Nullable AgentTlsConfig tls) {
    if (tls == null) {
      return "plain text (no tls section)";
    }
    return tls.clientAuthRequired()
        ? "TLS with client authentication"
        : "TLS without client authentication (no tls.client_ca_bundle)";
  }

  private static String actionsReason(AgentConfig config, boolean enabled) {
    ActionsMode mode = config.actions();
    if (mode == ActionsMode.DISABLED) {
      return "actions: disabled";
    }
    if (enabled) {
      return "actions: " + mode.name().toLowerCase(Locale.ROOT) + " and mutual TLS";
    }
    if (config.tls() == null || !config.tls().clientAuthRequired()) {
      return "actions: auto needs TLS with tls.client_ca_bundle";
    }
    if (config.signature().trustedKeys().isEmpty()) {
      return "actions: auto needs core's key in signature.trusted_keys";
    }
    return "actions: auto, turned off by the action policy; the runtime logs the reason";
  }

  /**
   * A started reference agent and its server.
   *
   * @param agent the agent
   * @param server the server serving it
   */
  record RunningAgent(ReferenceAgent agent, AgentServer server) implements AutoCloseable {
    /** Stops the server, then the agent's action executor. */
    @Override
    public void close() {
      server.close();
      agent.close();
    }
  }
}
