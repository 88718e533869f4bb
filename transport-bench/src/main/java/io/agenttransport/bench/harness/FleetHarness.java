package io.agenttransport.bench.harness;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentChannel;
import io.agenttransport.bench.Row;
import io.agenttransport.bench.support.BenchPki;
import io.agenttransport.bench.support.FrameworkSetup;
import io.agenttransport.bench.support.GatedAgent;
import io.agenttransport.bench.support.RawOkHttpClient;
import io.agenttransport.bench.support.RawTls;
import io.agenttransport.config.ClientSettings;
import io.agenttransport.config.ConnectionMode;
import io.agenttransport.model.NodeInfo;
import io.agenttransport.spi.ClientTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plain harness over a fleet of agents: sequential sync with new or pooled connections,
 * concurrent fan-out, and heap per pooled connection and per call in flight. A raw fleet (raw Jetty
 * agents, raw OkHttp) and a framework fleet run side by side, and their rounds alternate, so that
 * every framework figure has its baseline from the same minutes of the same run.
 */
public final class FleetHarness {
  /** The heading of the sync rows. */
  public static final String SYNC = "Sync of many agents, one after the other";

  /** The heading of the fan-out rows. */
  public static final String FAN_OUT = "Fan-out: all agents at once";

  /** The heading of the memory rows. */
  public static final String MEMORY = "Memory";

  private static final Logger LOG = LoggerFactory.getLogger(FleetHarness.class);

  /**
   * How long the framework's pool keeps an idle connection in the memory figure: longer than the
   * sync of all agents and the heap reading that follow it, so that every connection is still open
   * when the heap is read.
   */
  private static final Duration CONNECTION_IDLE = Duration.ofSeconds(4);

  private static final Duration CONNECTION_IDLE_MARGIN = Duration.ofSeconds(2);

  private static final Duration SETTLE = Duration.ofSeconds(1);

  /**
   * The counts of one harness run.
   *
   * @param agents the agents in the fleet
   * @param syncRounds measured sequential rounds per connection mode
   * @param fanOutRounds measured fan-out rounds
   * @param callsInFlightPerAgent node info calls held open per agent for the memory figure
   */
  public record Settings(int agents, int syncRounds, int fanOutRounds, int callsInFlightPerAgent) {}

  /** Milliseconds per agent of the raw and the framework client, measured by turns. */
  private record Pair(double raw, double framework) {}

  /** Everything the harness measured. */
  private record Timings(
      Pair pooledSync,
      Pair resumedSync,
      Pair fullSync,
      double[] rawFanOutMs,
      double[] frameworkFanOutMs,
      double rawBytesPerConnection,
      double frameworkBytesPerConnection,
      double frameworkBytesPerCallInFlight) {}

  private final Settings settings;

  /** Creates a harness with {@code settings}. */
  public FleetHarness(Settings settings) {
    this.settings = settings;
  }

  /** Runs both fleets and returns the rows of the sync, fan-out and memory sections. */
  public List<Row> run() throws Exception {
    BenchPki pki = BenchPki.create();
    try (Fleet raw = Fleet.raw(pki, settings.agents())) {
      RawTls core = RawTls.of(pki.issueCore(), pki.caCertificate());
      FrameworkSetup setup;
      Fleet framework;
      try {
        setup = FrameworkSetup.create(BenchPki.create(), "http");
        framework = Fleet.framework(setup, settings.agents());
      } catch (RuntimeException | LinkageError e) {
        LOG.error("the framework fleet failed to start; its rows are not measured", e);
        return failedRows(e.toString());
      }
      try (framework) {
        return rows(measure(raw, core, framework, setup));
      }
    }
  }

  /**
   * Measures both fleets, alternating raw and framework rounds, so that a change in the machine's
   * load during the run weighs on both sides alike.
   */
  private Timings measure(Fleet raw, RawTls core, Fleet framework, FrameworkSetup setup)
      throws Exception {
    int idle = settings.agents() * settings.callsInFlightPerAgent();
    ClientSettings pooled = FrameworkSetup.pooledSettings();
    // NOTE: a burst idle time far below one round's duration makes each agent's sync open a new
    // connection, because the round returns to an agent only after syncing all the others.
    ClientSettings burst =
        ClientSettings.builder()
            .connectionMode(ConnectionMode.BURST)
            .burstIdle(Duration.ofMillis(20))
            .build();
    ClientSettings burstWithoutResumption = burst.toBuilder().sessionResumption(false).build();

    Pair pooledSync =
        perAgentMillis(
            Syncer.raw(RawOkHttpClient.pooled(core, idle), false), raw,
            Syncer.framework(setup.client(pooled)), framework);
    Pair resumedSync =
        perAgentMillis(
            Syncer.raw(RawOkHttpClient.pooled(core, idle), true), raw,
            Syncer.framework(setup.client(burst)), framework);
    Pair fullSync =
        perAgentMillis(
            Syncer.raw(RawOkHttpClient.withoutResumption(core, idle), true), raw,
            Syncer.framework(setup.client(burstWithoutResumption)), framework);
    double[][] fanOut =
        fanOutMillis(
            Syncer.raw(RawOkHttpClient.pooled(core, idle), false), raw,
            Syncer.framework(setup.client(pooled)), framework);

    double rawPerConnection = rawBytesPerConnection(raw, core, idle);
    double frameworkPerConnection = frameworkBytesPerConnection(framework, setup);
    double frameworkPerCall;
    try (ClientTransport transport = setup.client(pooled)) {
      frameworkPerCall = bytesPerCallInFlight(framework, openChannels(framework, transport));
    }
    return new Timings(
        pooledSync,
        resumedSync,
        fullSync,
        fanOut[0],
        fanOut[1],
        rawPerConnection,
        frameworkPerConnection,
        frameworkPerCall);
  }

  /**
   * Runs one warm-up round on each side, then the measured rounds, raw and framework by turns, and
   * returns milliseconds per agent of each.
   */
  private Pair perAgentMillis(Syncer raw, Fleet rawFleet, Syncer framework, Fleet frameworkFleet)
      throws Exception {
    try (raw;
        framework) {
      raw.syncSequentially(rawFleet.addresses());
      framework.syncSequentially(frameworkFleet.addresses());
      long rawNanos = 0;
      long frameworkNanos = 0;
      for (int round = 0; round < settings.syncRounds(); round++) {
        rawNanos += raw.syncSequentially(rawFleet.addresses());
        frameworkNanos += framework.syncSequentially(frameworkFleet.addresses());
      }
      double agentRounds = settings.syncRounds() * (double) settings.agents();
      return new Pair(rawNanos / 1e6 / agentRounds, frameworkNanos / 1e6 / agentRounds);
    }
  }

  /**
   * Runs one warm-up fan-out on each side, then the measured rounds by turns, and returns each
   * side's round times in milliseconds, sorted: raw first, framework second.
   */
  private double[][] fanOutMillis(
      Syncer raw, Fleet rawFleet, Syncer framework, Fleet frameworkFleet) throws Exception {
    try (raw;
        framework) {
      raw.syncConcurrently(rawFleet.addresses());
      framework.syncConcurrently(frameworkFleet.addresses());
      double[] rawRounds = new double[settings.fanOutRounds()];
      double[] frameworkRounds = new double[settings.fanOutRounds()];
      for (int round = 0; round < rawRounds.length; round++) {
        rawRounds[round] = raw.syncConcurrently(rawFleet.addresses()) / 1e6;
        frameworkRounds[round] = framework.syncConcurrently(frameworkFleet.addresses()) / 1e6;
      }
      Arrays.sort(rawRounds);
      Arrays.sort(frameworkRounds);
      return new double[][] {rawRounds, frameworkRounds};
    }
  }

  private static double rawBytesPerConnection(Fleet fleet, RawTls core, int idle) throws Exception {
    RawOkHttpClient client = RawOkHttpClient.pooled(core, idle);
    try {
      return bytesPerConnection(fleet, client::syncAsync, client::evictAll);
    } finally {
      client.close();
    }
  }

  /**
   * Returns the heap per pooled connection of the framework's client. The transport runs in burst
   * mode, whose pool closes idle connections after {@link #CONNECTION_IDLE}, so that its
   * connections close while the transport and its channels stay open, as the raw client's do when
   * it evicts them.
   */
  private static double frameworkBytesPerConnection(Fleet fleet, FrameworkSetup setup)
      throws Exception {
    ClientSettings settings =
        ClientSettings.builder()
            .connectionMode(ConnectionMode.BURST)
            .burstIdle(CONNECTION_IDLE)
            .build();
    try (ClientTransport transport = setup.client(settings)) {
      Map<AgentAddress, AgentChannel> channels = new LinkedHashMap<>();
      fleet.addresses().forEach(address -> channels.put(address, transport.open(address)));
      return bytesPerConnection(
          fleet,
          address -> channels.get(address).nodeInfo(),
          FleetHarness::awaitIdleConnectionsClosed);
    }
  }

  private static void awaitIdleConnectionsClosed() {
    try {
      Thread.sleep(CONNECTION_IDLE.plus(CONNECTION_IDLE_MARGIN).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for idle connections to close", e);
    }
  }

  private static List<AgentChannel> openChannels(Fleet fleet, ClientTransport transport) {
    return fleet.addresses().stream().map(transport::open).toList();
  }

  /**
   * Returns the heap that one open idle connection holds, on both sides of the link: the mean of
   * the rise when one connection per agent opens and the fall when they all close. A first round
   * opens and closes every connection unmeasured, so that classes, TLS contexts and session caches
   * already exist when the measured round starts.
   */
  private static double bytesPerConnection(
      Fleet fleet, Function<AgentAddress, CompletableFuture<?>> call, Runnable closeConnections)
      throws Exception {
    connectAll(fleet, call);
    closeConnections.run();
    settle();
    long before = Heap.used();
    connectAll(fleet, call);
    long open = Heap.used();
    closeConnections.run();
    settle();
    long closed = Heap.used();
    double rise = open - before;
    double fall = open - closed;
    LOG.info(
        "heap per connection: rise {} B, fall {} B over {} agents",
        (long) rise,
        (long) fall,
        fleet.size());
    return (rise + fall) / 2 / fleet.size();
  }

  /** Gives the agents time to see their connections closed and to release them. */
  private static void settle() throws InterruptedException {
    Thread.sleep(SETTLE.toMillis());
  }

  private static void connectAll(Fleet fleet, Function<AgentAddress, CompletableFuture<?>> call)
      throws Exception {
    for (AgentAddress address : fleet.addresses()) {
      call.apply(address).get(Syncer.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
  }

  /**
   * Returns the heap that one call in flight adds, on both sides of the link: calls held at the
   * agents' gates against the same channels once all calls have finished.
   */
  private double bytesPerCallInFlight(Fleet fleet, List<AgentChannel> channels) throws Exception {
    holdCalls(fleet, channels, false);
    long idle = Heap.used();
    long held = holdCalls(fleet, channels, true);
    int calls = fleet.size() * settings.callsInFlightPerAgent();
    return (held - idle) / (double) calls;
  }

  /**
   * Holds {@code callsInFlightPerAgent} node info calls at each agent, then lets them finish.
   *
   * @return the heap in use while the calls were held, if {@code measure}, else 0
   */
  private long holdCalls(Fleet fleet, List<AgentChannel> channels, boolean measure)
      throws Exception {
    fleet.agents().forEach(GatedAgent::closeGate);
    List<CompletableFuture<NodeInfo>> calls = new ArrayList<>();
    try {
      for (AgentChannel channel : channels) {
        for (int i = 0; i < settings.callsInFlightPerAgent(); i++) {
          calls.add(channel.nodeInfo());
        }
      }
      for (GatedAgent agent : fleet.agents()) {
        if (!agent.awaitArrivals(settings.callsInFlightPerAgent(), Duration.ofSeconds(30))) {
          throw new IllegalStateException(
              "held node info calls timed out before reaching the agent (waited 30 s); raise"
                  + " the client's max_requests_per_host if it caps concurrent calls");
        }
      }
      return measure ? Heap.used() : 0;
    } finally {
      fleet.agents().forEach(GatedAgent::openGate);
      CompletableFuture.allOf(calls.toArray(CompletableFuture<?>[]::new))
          .get(Syncer.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
  }

  private List<Row> rows(Timings timings) {
    List<Row> rows = new ArrayList<>(syncRows(timings));
    rows.addAll(fanOutRows(timings.rawFanOutMs(), timings.frameworkFanOutMs()));
    rows.addAll(memoryRows(timings));
    return rows;
  }

  private List<Row> syncRows(Timings timings) {
    String agents = settings.agents() + " agents";
    Pair pooled = timings.pooledSync();
    Pair resumed = timings.resumedSync();
    Pair full = timings.fullSync();
    return List.of(
        syncRow("pooled connections", pooled, agents),
        syncRow("new connection per agent, TLS session resumed", resumed, agents),
        syncRow("new connection per agent, resumption off", full, agents),
        Row.compared(
            SYNC,
            "framework: new connection, resumed, beside pooled",
            resumed.framework(),
            "ms/agent",
            "framework pooled",
            pooled.framework(),
            "the price of closing connections between syncs"),
        Row.compared(
            SYNC,
            "framework: new connection, resumption off, beside pooled",
            full.framework(),
            "ms/agent",
            "framework pooled",
            pooled.framework(),
            "the price of closing connections without resumption"));
  }

  private List<Row> memoryRows(Timings timings) {
    return List.of(
        Row.compared(
            MEMORY,
            "heap per pooled connection, framework (both sides)",
            timings.frameworkBytesPerConnection(),
            "B",
            "raw OkHttp + Jetty",
            timings.rawBytesPerConnection(),
            "mean of the heap taken and released by one connection to each of "
                + settings.agents()
                + " agents, with client and channels still open"),
        Row.plain(
            MEMORY,
            "heap per call in flight, framework (both sides)",
            timings.frameworkBytesPerCallInFlight(),
            "B",
            settings.agents() * settings.callsInFlightPerAgent()
                + " node info calls held at the agents, against the same calls finished"));
  }

  private static Row syncRow(String mode, Pair pair, String agents) {
    return Row.compared(
        SYNC,
        "framework, " + mode,
        pair.framework(),
        "ms/agent",
        "raw OkHttp + Jetty",
        pair.raw(),
        String.format(
            Locale.ROOT,
            "%s; %.0f agents/s framework, %.0f agents/s raw",
            agents,
            1000 / pair.framework(),
            1000 / pair.raw()));
  }

  private List<Row> fanOutRows(double[] raw, double[] framework) {
    String note =
        settings.agents()
            + " agents x "
            + settings.fanOutRounds()
            + " rounds, pooled; "
            + String.format(
                Locale.ROOT,
                "%.0f agents/s framework, %.0f agents/s raw",
                agentsPerSecond(framework),
                agentsPerSecond(raw));
    return List.of(
        Row.compared(
            FAN_OUT,
            "round p50, framework",
            percentile(framework, 50),
            "ms",
            "raw OkHttp + Jetty",
            percentile(raw, 50),
            note),
        Row.compared(
            FAN_OUT,
            "round p99, framework",
            percentile(framework, 99),
            "ms",
            "raw OkHttp + Jetty",
            percentile(raw, 99),
            note));
  }

  private double agentsPerSecond(double[] roundsMs) {
    double totalMs = Arrays.stream(roundsMs).sum();
    return settings.agents() * roundsMs.length * 1000 / totalMs;
  }

  /** Returns the nearest-rank percentile of sorted values. */
  static double percentile(double[] sorted, double percent) {
    int rank = (int) Math.ceil(percent / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static List<Row> failedRows(String reason) {
    String ms = "ms/agent";
    return List.of(
        Row.failed(SYNC, "framework, pooled connections", ms, reason),
        Row.failed(SYNC, "framework, new connection per agent, TLS session resumed", ms, reason),
        Row.failed(SYNC, "framework, new connection per agent, resumption off", ms, reason),
        Row.failed(SYNC, "framework: new connection, resumed, beside pooled", ms, reason),
        Row.failed(SYNC, "framework: new connection, resumption off, beside pooled", ms, reason),
        Row.failed(FAN_OUT, "round p50, framework", "ms", reason),
        Row.failed(FAN_OUT, "round p99, framework", "ms", reason),
        Row.failed(MEMORY, "heap per pooled connection, framework (both sides)", "B", reason),
        Row.failed(MEMORY, "heap per call in flight, framework (both sides)", "B", reason));
  }
}
