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
 * concurrent fan-out, and heap per pooled connection and per call in flight. Each part runs first
 * against raw Jetty agents with raw OkHttp, then against framework agents with the framework's
 * client, so that every framework figure has its baseline from the same run.
 */
public final class FleetHarness {
  /** The section headings of the rows this harness returns. */
  public static final String SYNC = "Sync of many agents, one after the other";

  /** The heading of the fan-out rows. */
  public static final String FAN_OUT = "Fan-out: all agents at once";

  /** The heading of the memory rows. */
  public static final String MEMORY = "Memory";

  private static final Logger LOG = LoggerFactory.getLogger(FleetHarness.class);

  /**
   * How hard the harness runs.
   *
   * @param agents the agents in the fleet
   * @param syncRounds measured sequential rounds per connection mode
   * @param fanOutRounds measured fan-out rounds
   * @param callsInFlightPerAgent node info calls held open per agent for the memory figure
   */
  public record Settings(int agents, int syncRounds, int fanOutRounds, int callsInFlightPerAgent) {}

  /** Timings of one client over one fleet. */
  private record Timings(
      double pooledMs,
      double resumedMs,
      double fullMs,
      double[] fanOutMs,
      double bytesPerConnection,
      double bytesPerCallInFlight) {}

  private final Settings settings;

  /** Creates a harness with {@code settings}. */
  public FleetHarness(Settings settings) {
    this.settings = settings;
  }

  /** Runs both fleets and returns the rows of the sync, fan-out and memory sections. */
  public List<Row> run() throws Exception {
    Timings raw = runRaw();
    Timings framework;
    try {
      framework = runFramework();
    } catch (Exception | LinkageError e) {
      LOG.error("the framework fleet failed; its rows are not measured", e);
      return failedRows(e.toString());
    }
    return rows(raw, framework);
  }

  private Timings runRaw() throws Exception {
    BenchPki pki = BenchPki.create();
    RawTls core = RawTls.of(pki.issueCore(), pki.caCertificate());
    int idle = settings.agents() * settings.callsInFlightPerAgent();
    try (Fleet fleet = Fleet.raw(pki, settings.agents())) {
      double pooled = perAgentMillis(Syncer.raw(RawOkHttpClient.pooled(core, idle), false), fleet);
      double resumed = perAgentMillis(Syncer.raw(RawOkHttpClient.pooled(core, idle), true), fleet);
      double full =
          perAgentMillis(Syncer.raw(RawOkHttpClient.withoutResumption(core, idle), true), fleet);
      double[] fanOut = fanOutMillis(Syncer.raw(RawOkHttpClient.pooled(core, idle), false), fleet);
      double perConnection;
      try (RawOkHttpClient client = RawOkHttpClient.pooled(core, idle)) {
        perConnection = bytesPerConnection(fleet, address -> client.syncAsync(address));
      }
      return new Timings(pooled, resumed, full, fanOut, perConnection, Double.NaN);
    }
  }

  private Timings runFramework() throws Exception {
    FrameworkSetup setup = FrameworkSetup.create(BenchPki.create(), "http");
    ClientSettings pooledSettings = FrameworkSetup.pooledSettings();
    // NOTE: a burst idle time far below one round's duration makes each agent's sync open a new
    // connection, because the round returns to an agent only after syncing all the others.
    ClientSettings burst =
        ClientSettings.builder()
            .connectionMode(ConnectionMode.BURST)
            .burstIdle(Duration.ofMillis(20))
            .build();
    try (Fleet fleet = Fleet.framework(setup, settings.agents())) {
      double pooled = perAgentMillis(Syncer.framework(setup.client(pooledSettings)), fleet);
      double resumed = perAgentMillis(Syncer.framework(setup.client(burst)), fleet);
      double full =
          perAgentMillis(
              Syncer.framework(setup.client(burst.toBuilder().sessionResumption(false).build())),
              fleet);
      double[] fanOut = fanOutMillis(Syncer.framework(setup.client(pooledSettings)), fleet);
      double perConnection;
      double perCall;
      try (ClientTransport transport = setup.client(pooledSettings)) {
        Map<AgentAddress, AgentChannel> channels = new LinkedHashMap<>();
        fleet.addresses().forEach(address -> channels.put(address, transport.open(address)));
        perConnection = bytesPerConnection(fleet, address -> channels.get(address).nodeInfo());
        perCall = bytesPerCallInFlight(fleet, List.copyOf(channels.values()));
        channels.values().forEach(AgentChannel::close);
      }
      return new Timings(pooled, resumed, full, fanOut, perConnection, perCall);
    }
  }

  /** Runs one warm-up round, then the measured rounds, and returns milliseconds per agent. */
  private double perAgentMillis(Syncer syncer, Fleet fleet) throws Exception {
    try (syncer) {
      syncer.syncSequentially(fleet.addresses());
      long nanos = 0;
      for (int round = 0; round < settings.syncRounds(); round++) {
        nanos += syncer.syncSequentially(fleet.addresses());
      }
      return nanos / 1e6 / (settings.syncRounds() * (double) fleet.size());
    }
  }

  /** Runs one warm-up round, then returns each measured round's milliseconds, sorted. */
  private double[] fanOutMillis(Syncer syncer, Fleet fleet) throws Exception {
    try (syncer) {
      syncer.syncConcurrently(fleet.addresses());
      double[] rounds = new double[settings.fanOutRounds()];
      for (int round = 0; round < rounds.length; round++) {
        rounds[round] = syncer.syncConcurrently(fleet.addresses()) / 1e6;
      }
      Arrays.sort(rounds);
      return rounds;
    }
  }

  /**
   * Returns the heap that one open idle connection adds, on both sides of the link, from the
   * difference before and after opening one connection per agent.
   */
  private static double bytesPerConnection(
      Fleet fleet, Function<AgentAddress, CompletableFuture<?>> call) throws Exception {
    call.apply(fleet.addresses().get(0)).get(Syncer.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    long before = Heap.used();
    for (AgentAddress address : fleet.addresses().subList(1, fleet.size())) {
      call.apply(address).get(Syncer.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
    long after = Heap.used();
    return (after - before) / (double) (fleet.size() - 1);
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
              "calls did not reach the agent within 30 s; the client may limit calls per host");
        }
      }
      return measure ? Heap.used() : 0;
    } finally {
      fleet.agents().forEach(GatedAgent::openGate);
      CompletableFuture.allOf(calls.toArray(CompletableFuture<?>[]::new))
          .get(Syncer.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
  }

  private List<Row> rows(Timings raw, Timings framework) {
    String agents = settings.agents() + " agents";
    List<Row> rows = new ArrayList<>();
    rows.add(syncRow("pooled connections", framework.pooledMs(), raw.pooledMs(), agents));
    rows.add(
        syncRow(
            "new connection per agent, TLS session resumed",
            framework.resumedMs(),
            raw.resumedMs(),
            agents));
    rows.add(
        syncRow(
            "new connection per agent, resumption off", framework.fullMs(), raw.fullMs(), agents));
    rows.add(
        Row.compared(
            SYNC,
            "framework: new connection, resumed, beside pooled",
            framework.resumedMs(),
            "ms/agent",
            "framework pooled",
            framework.pooledMs(),
            "the price of closing connections between syncs"));
    rows.add(
        Row.compared(
            SYNC,
            "framework: new connection, resumption off, beside pooled",
            framework.fullMs(),
            "ms/agent",
            "framework pooled",
            framework.pooledMs(),
            "the price of closing connections without resumption"));
    rows.addAll(fanOutRows(raw.fanOutMs(), framework.fanOutMs()));
    rows.add(
        Row.compared(
            MEMORY,
            "heap per pooled connection, framework (both sides)",
            framework.bytesPerConnection(),
            "B",
            "raw OkHttp + Jetty",
            raw.bytesPerConnection(),
            "one idle connection to each of " + (settings.agents() - 1) + " agents"));
    rows.add(
        Row.plain(
            MEMORY,
            "heap per call in flight, framework (both sides)",
            framework.bytesPerCallInFlight(),
            "B",
            settings.agents() * settings.callsInFlightPerAgent()
                + " node info calls held at the agents, against the same calls finished"));
    return rows;
  }

  private static Row syncRow(String mode, double framework, double raw, String agents) {
    return Row.compared(
        SYNC,
        "framework, " + mode,
        framework,
        "ms/agent",
        "raw OkHttp + Jetty",
        raw,
        String.format(
            Locale.ROOT,
            "%s; %.0f agents/s framework, %.0f agents/s raw",
            agents,
            1000 / framework,
            1000 / raw));
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
