package io.agenttransport.cli;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentChannel;
import io.agenttransport.cli.core.ActionFollower;
import io.agenttransport.cli.core.AgentSnapshot;
import io.agenttransport.cli.core.AgentSync;
import io.agenttransport.cli.core.SnapshotPrinter;
import io.agenttransport.config.Durations;
import io.agenttransport.model.ActionPhase;
import io.agenttransport.model.ActionRecord;
import io.agenttransport.model.ActionScheduleRequest;
import io.agenttransport.model.ActionScheduleResponse;
import io.agenttransport.model.JsonValue;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Core-side calls against the agents of core's configuration. */
@Command(
    name = "core",
    mixinStandardHelpOptions = true,
    description = "Calls agents as core does, with the transport and TLS of core's configuration.",
    subcommands = {
      CoreCommand.Info.class,
      CoreCommand.Shards.class,
      CoreCommand.Actions.class,
      CoreCommand.Schedule.class,
      CoreCommand.Sync.class
    })
final class CoreCommand implements Runnable {
  @Spec private CommandSpec spec;

  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "Core's YAML configuration file.")
  private Path config;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "missing command: expected one of info, shards, actions, schedule or sync");
  }

  CoreClient openClient() {
    return CoreClient.open(config);
  }

  /** Converts {@code --agent} values, naming the value and the expected form on error. */
  static final class AgentAddressConverter implements ITypeConverter<AgentAddress> {
    @Override
    public AgentAddress convert(String value) {
      return AgentAddress.parse(value);
    }
  }

  /** The options shared by the commands that call one agent. */
  abstract static class OneAgent implements Callable<Integer> {
    @ParentCommand CoreCommand parent;

    @Spec CommandSpec spec;

    @Option(
        names = "--agent",
        paramLabel = "URI",
        converter = AgentAddressConverter.class,
        description =
            "The agent to call, such as https://db-1:8443. Default: the first configured.")
    @Nullable AgentAddress agent;

    @Override
    public Integer call() throws Exception {
      try (CoreClient client = parent.openClient();
          AgentChannel channel = client.transport().open(client.agentOrFirst(agent))) {
        return call(channel, spec.commandLine().getOut());
      }
    }

    abstract int call(AgentChannel channel, PrintWriter out) throws Exception;
  }

  @Command(name = "info", mixinStandardHelpOptions = true, description = "Prints node and store.")
  static final class Info extends OneAgent {
    @Override
    int call(AgentChannel channel, PrintWriter out) {
      var node = channel.nodeInfo();
      var store = channel.storeInfo();
      out.println("agent " + channel.address());
      SnapshotPrinter.printNode(out, node.join());
      SnapshotPrinter.printStore(out, store.join());
      return AgentTransportCommand.EXIT_OK;
    }
  }

  @Command(name = "shards", mixinStandardHelpOptions = true, description = "Prints the shards.")
  static final class Shards extends OneAgent {
    @Override
    int call(AgentChannel channel, PrintWriter out) {
      out.println("agent " + channel.address());
      SnapshotPrinter.printShards(out, channel.shards().join());
      return AgentTransportCommand.EXIT_OK;
    }
  }

  @Command(
      name = "actions",
      mixinStandardHelpOptions = true,
      description = "Prints the queued and finished actions.")
  static final class Actions extends OneAgent {
    @Override
    int call(AgentChannel channel, PrintWriter out) {
      var queue = channel.actionQueue();
      var finished = channel.actionsFinished();
      out.println("agent " + channel.address());
      SnapshotPrinter.printActions(out, "queued actions", queue.join());
      SnapshotPrinter.printActions(out, "finished actions", finished.join());
      return AgentTransportCommand.EXIT_OK;
    }
  }

  @Command(
      name = "schedule",
      mixinStandardHelpOptions = true,
      description = "Schedules a signed action and, with --wait, follows it until it finishes.")
  static final class Schedule extends OneAgent {
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    @Option(
        names = "--kind",
        required = true,
        paramLabel = "KIND",
        description = "The action kind, such as agent.replicante.io/test.success.")
    String kind;

    @Option(
        names = "--args",
        paramLabel = "JSON",
        defaultValue = "{}",
        description = "The action's arguments as JSON. Default: ${DEFAULT-VALUE}.")
    String args;

    @Option(names = "--wait", description = "Wait until the action is DONE or FAILED.")
    boolean waitForResult;

    @Option(
        names = "--timeout",
        paramLabel = "DURATION",
        defaultValue = "60s",
        description =
            "With --wait, how long to wait, such as 30s or 2m. Default: ${DEFAULT-VALUE}.")
    String timeout;

    @Override
    int call(AgentChannel channel, PrintWriter out) throws InterruptedException {
      JsonValue arguments = parseArgs();
      Duration limit = parseTimeout();
      ActionScheduleRequest request = ActionScheduleRequest.create(kind, arguments);
      ActionScheduleResponse response = channel.scheduleAction(request).join();
      out.println("scheduled action " + response.id() + " (" + kind + ") on " + channel.address());
      if (!waitForResult) {
        return AgentTransportCommand.EXIT_OK;
      }
      ActionRecord finished = ActionFollower.follow(channel, response.id(), limit, POLL_INTERVAL);
      return report(finished, limit, out);
    }

    private int report(@Nullable ActionRecord record, Duration limit, PrintWriter out) {
      if (record == null) {
        out.println("action did not finish within " + Durations.format(limit));
        return AgentTransportCommand.EXIT_FAILURE;
      }
      out.println("action " + record.id() + " finished: " + record.state().phase());
      if (record.state().error() != null) {
        out.println("  error: " + record.state().error().json());
      }
      if (record.state().payload() != null) {
        out.println("  payload: " + record.state().payload().json());
      }
      return record.state().phase() == ActionPhase.DONE
          ? AgentTransportCommand.EXIT_OK
          : AgentTransportCommand.EXIT_FAILURE;
    }

    private JsonValue parseArgs() {
      try {
        return JsonValue.parse(args);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(
            spec.commandLine(),
            "invalid --args '" + args + "': expected JSON such as '{\"key\": 1}'",
            e);
      }
    }

    private Duration parseTimeout() {
      try {
        return Durations.parse("--timeout", timeout);
      } catch (RuntimeException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage(), e);
      }
    }
  }

  @Command(
      name = "sync",
      mixinStandardHelpOptions = true,
      description = {
        "Syncs every configured agent concurrently and prints a table per agent.",
        "Exits with 1 if any agent failed."
      })
  static final class Sync implements Callable<Integer> {
    /** The agent count from which a progress line is printed to standard error. */
    private static final int PROGRESS_THRESHOLD = 10;

    @ParentCommand CoreCommand parent;

    @Spec CommandSpec spec;

    @Option(
        names = "--max-in-flight",
        paramLabel = "N",
        defaultValue = "64",
        description = "The maximum number of agents synced at once. Default: ${DEFAULT-VALUE}.")
    int maxInFlight;

    @Override
    public Integer call() throws InterruptedException {
      if (maxInFlight < 1) {
        throw new ParameterException(
            spec.commandLine(), "invalid --max-in-flight " + maxInFlight + ": expected 1 or more");
      }
      PrintWriter out = spec.commandLine().getOut();
      try (CoreClient client = parent.openClient()) {
        List<AgentAddress> agents = client.config().agents();
        if (agents.isEmpty()) {
          out.println("no agents configured under 'agents'");
          return AgentTransportCommand.EXIT_OK;
        }
        Progress progress = new Progress(spec.commandLine().getErr(), agents.size());
        List<AgentSnapshot> snapshots =
            new AgentSync(client.transport(), maxInFlight).syncAll(agents, progress::update);
        return print(snapshots, out);
      }
    }

    private static int print(List<AgentSnapshot> snapshots, PrintWriter out) {
      long failed = snapshots.stream().filter(snapshot -> !snapshot.succeeded()).count();
      for (AgentSnapshot snapshot : snapshots) {
        SnapshotPrinter.printSnapshot(out, snapshot);
        out.println();
      }
      out.printf(
          "%d of %d agents synced, %d failed%n",
          snapshots.size() - failed, snapshots.size(), failed);
      return failed == 0 ? AgentTransportCommand.EXIT_OK : AgentTransportCommand.EXIT_FAILURE;
    }

    /**
     * Prints how many agents are done, at most once per second and once at the end, from 10 agents
     * on.
     */
    private static final class Progress {
      private final PrintWriter err;
      private final int total;
      private final boolean enabled;
      private Instant lastPrinted = Instant.EPOCH;

      Progress(PrintWriter err, int total) {
        this.err = err;
        this.total = total;
        this.enabled = total >= PROGRESS_THRESHOLD;
      }

      synchronized void update(int done) {
        Instant now = Instant.now();
        if (!enabled || (done < total && now.isBefore(lastPrinted.plusSeconds(1)))) {
          return;
        }
        lastPrinted = now;
        err.printf("synced %d of %d agents%n", done, total);
        err.flush();
      }
    }
  }
}
