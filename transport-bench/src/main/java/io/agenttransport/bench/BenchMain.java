package io.agenttransport.bench;

import io.agenttransport.bench.harness.ChannelMemory;
import io.agenttransport.bench.harness.FleetHarness;
import io.agenttransport.bench.harness.HandshakeProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.runner.options.TimeValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every benchmark of the module in one JVM run, then writes the report.
 *
 * <p>Usage: {@code java -jar benchmarks.jar [--smoke | --full] [--output FILE]}. The default is the
 * short run of a few minutes; {@code --smoke} takes seconds per figure and exits with status 1 if
 * any figure is missing; {@code --full} runs longer passes, more of them. The report goes to {@code
 * docs/benchmarks.md} unless {@code --output} names another file.
 */
public final class BenchMain {
  private static final Logger LOG = LoggerFactory.getLogger(BenchMain.class);
  private static final String HANDSHAKE = "Where a new connection's time goes";
  private static final Path REPORT = Path.of("docs", "benchmarks.md");
  private static final Path SMOKE_REPORT =
      Path.of("transport-bench", "target", "benchmarks-smoke.md");

  private BenchMain() {}

  /**
   * The counts of one run.
   *
   * @param name {@code smoke}, {@code short} or {@code full}
   * @param jmhPasses how many times each baseline and framework pair runs
   * @param jmhWarmUpTime how long each benchmark runs, unmeasured, before the first pass
   * @param jmhIterations measurement iterations of each benchmark in one pass
   * @param jmhIterationTime duration of one iteration
   * @param fleet the sync, fan-out and memory harness settings
   * @param channels idle channels opened for the memory figure
   * @param handshakes connections per handshake figure
   */
  record Plan(
      String name,
      int jmhPasses,
      TimeValue jmhWarmUpTime,
      int jmhIterations,
      TimeValue jmhIterationTime,
      FleetHarness.Settings fleet,
      int channels,
      int handshakes)
      implements JmhSuite.Plan {
    static Plan smoke() {
      return new Plan(
          "smoke",
          1,
          TimeValue.milliseconds(200),
          1,
          TimeValue.milliseconds(200),
          new FleetHarness.Settings(4, 1, 2, 2),
          1_000,
          10);
    }

    static Plan shortRun() {
      return new Plan(
          "short",
          5,
          TimeValue.seconds(10),
          2,
          TimeValue.seconds(1),
          new FleetHarness.Settings(50, 3, 20, 4),
          10_000,
          200);
    }

    static Plan full() {
      return new Plan(
          "full",
          11,
          TimeValue.seconds(30),
          3,
          TimeValue.seconds(2),
          new FleetHarness.Settings(50, 10, 20, 4),
          10_000,
          1_000);
    }
  }

  /** Runs the benchmarks named by {@code args} and writes the report. */
  public static void main(String[] args) throws Exception {
    Plan plan = Plan.shortRun();
    Path output = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--smoke" -> plan = Plan.smoke();
        case "--full" -> plan = Plan.full();
        case "--output" -> output = Path.of(requireValue(args, ++i));
        default ->
            throw new IllegalArgumentException(
                "unknown option '" + args[i] + "': expected --smoke, --full or --output FILE");
      }
    }
    if (output == null) {
      output = plan.name().equals("smoke") ? SMOKE_REPORT : REPORT;
    }
    Report report = run(plan);
    Files.createDirectories(output.toAbsolutePath().getParent());
    Files.writeString(output, report.toMarkdown(), StandardCharsets.UTF_8);
    LOG.info(
        "wrote {}: {} rows, {} targets missed",
        output,
        report.rows().size(),
        report.missed().size());
    report.unmeasured().forEach(row -> LOG.error("not measured: {}: {}", row.figure(), row.note()));
    if (!report.unmeasured().isEmpty()) {
      System.exit(1);
    }
  }

  private static String requireValue(String[] args, int index) {
    if (index >= args.length) {
      throw new IllegalArgumentException("option --output needs a file name");
    }
    return args[index];
  }

  static Report run(Plan plan) throws Exception {
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    long startNanos = System.nanoTime();
    List<Row> rows = new ArrayList<>(JmhSuite.run(plan));
    rows.addAll(handshakeRows(plan.handshakes()));
    rows.addAll(new FleetHarness(plan.fleet()).run());
    rows.add(channelRow("http", "https", plan.channels()));
    rows.add(channelRow("grpc", "grpcs", plan.channels()));
    long elapsed = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
    return new Report(command(plan), machine(), start.toString(), elapsed, rows);
  }

  private static Row channelRow(String transport, String scheme, int count) {
    try {
      return ChannelMemory.measure(transport, scheme, count);
    } catch (RuntimeException | LinkageError e) {
      LOG.error("the channel memory figure of {} failed", transport, e);
      return Row.failed(
          FleetHarness.MEMORY, ChannelMemory.FIGURE + " (" + transport + ")", "B", e.toString());
    }
  }

  private static List<Row> handshakeRows(int count) {
    HandshakeProbe.Result result;
    try (HandshakeProbe probe = new HandshakeProbe()) {
      probe.measure(Math.max(1, count / 10));
      result = probe.measure(count);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      LOG.error("the handshake probe failed", e);
      return List.of(Row.failed(HANDSHAKE, "full handshake", "ms", e.toString()));
    }
    double full = result.fullHandshake();
    String base = "full handshake";
    return List.of(
        Row.plain(
            HANDSHAKE,
            "full handshake: TCP connect + TLS 1.3 mutual, EC P-256",
            full,
            "ms",
            "raw SSLSocket, new client context each time; mean of " + count),
        Row.compared(
            HANDSHAKE,
            "resumed handshake: TCP connect + TLS 1.3 PSK",
            result.resumedHandshake(),
            "ms",
            base,
            full,
            "raw SSLSocket, one client context"),
        Row.compared(
            HANDSHAKE, "TCP connect on loopback", result.tcpConnect(), "ms", base, full, ""),
        Row.compared(
            HANDSHAKE,
            "certificate path checks, both sides",
            result.certificateChecks(),
            "ms",
            base,
            full,
            "PKIX checkServerTrusted + checkClientTrusted"),
        Row.compared(
            HANDSHAKE,
            "X25519 key share, both sides",
            result.keyAgreement(),
            "ms",
            base,
            full,
            "two key pairs, two agreements"),
        Row.compared(
            HANDSHAKE,
            "ECDSA P-256 CertificateVerify, both sides",
            result.certificateVerify(),
            "ms",
            base,
            full,
            "two signatures, two verifications"),
        Row.compared(
            HANDSHAKE,
            "private key read back from a PKCS#12 key store, both sides",
            result.keyLookup(),
            "ms",
            base,
            full,
            "the JDK's PKIX key manager decrypts the key for each handshake; the framework's key"
                + " manager hands out the key it loaded"));
  }

  private static String command(Plan plan) {
    return switch (plan.name()) {
      case "smoke" -> "bench/run --smoke";
      case "full" -> "bench/run --full";
      default -> "bench/run";
    };
  }

  private static String machine() {
    return String.format(
        Locale.ROOT,
        "%d cores (%s), %s %s, %s %s, max heap %d MiB",
        Runtime.getRuntime().availableProcessors(),
        cpuModel(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"),
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        Runtime.getRuntime().maxMemory() / (1024 * 1024));
  }

  private static String cpuModel() {
    Path cpuInfo = Path.of("/proc/cpuinfo");
    try (Stream<String> lines = Files.lines(cpuInfo)) {
      return lines
          .filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("CPU model unknown");
    } catch (IOException e) {
      return "CPU model unknown";
    }
  }
}
