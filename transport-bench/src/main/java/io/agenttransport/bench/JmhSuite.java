package io.agenttransport.bench;

import io.agenttransport.bench.jmh.NodeInfoBenchmark;
import io.agenttransport.bench.jmh.ScheduleActionBenchmark;
import io.agenttransport.bench.jmh.SignatureBenchmark;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks of this module and turns their scores into report rows: per-call
 * overhead, signed actions, and signing per algorithm.
 *
 * <p>Each framework benchmark runs right after its baseline, in short passes repeated several
 * times, and a pair's ratio is the median of the ratios of its passes. On a shared machine the load
 * drifts over minutes, and one long run of each side would compare different loads.
 */
final class JmhSuite {
  static final String PER_CALL = "Per-call overhead: node info over mutual TLS, pooled connection";
  static final String SIGNED = "Signed actions: schedule round trip";
  static final String SIGNING = "Sign and verify per algorithm";

  private static final double CALL_TARGET = 1.10;
  private static final double SIGNED_TARGET = 1.2;
  private static final List<String> ACTION_ALGORITHMS = List.of("ecdsa-p256-sha256", "ed25519");
  private static final List<String> ALGORITHMS =
      List.of("ed25519", "ecdsa-p256-sha256", "rsa-pss-sha512");
  private static final String FAILED = "the benchmark failed; the JMH output shows why";

  /**
   * One benchmark method, with the signature algorithm it runs with.
   *
   * @param include the JMH include pattern of the method
   * @param algorithm the value of its {@code algorithm} parameter, or {@code null} when it has none
   */
  private record Bench(String include, @Nullable String algorithm) {}

  /** Benchmarks measured side by side in each pass, the baselines first. */
  private static final List<List<Bench>> PAIRED_GROUPS =
      List.of(
          List.of(
              bench(NodeInfoBenchmark.class, "rawOkHttp", null),
              bench(NodeInfoBenchmark.class, "rawOkHttpAsync", null),
              bench(NodeInfoBenchmark.class, "frameworkHttp", null),
              bench(NodeInfoBenchmark.class, "frameworkClientRawServer", null),
              bench(NodeInfoBenchmark.class, "rawClientFrameworkServer", null)),
          List.of(
              bench(NodeInfoBenchmark.class, "rawGrpc", null),
              bench(NodeInfoBenchmark.class, "rawGrpcAsync", null),
              bench(NodeInfoBenchmark.class, "rawGrpcAsyncDefaultTls", null),
              bench(NodeInfoBenchmark.class, "frameworkGrpc", null)),
          signedGroup());

  private static List<Bench> signedGroup() {
    List<Bench> group = new ArrayList<>();
    group.add(bench(ScheduleActionBenchmark.class, "rawUnsigned", null));
    group.add(bench(ScheduleActionBenchmark.class, "rawUnsignedAsync", null));
    for (String algorithm : ACTION_ALGORITHMS) {
      group.add(bench(ScheduleActionBenchmark.class, "rawSignedAsync", algorithm));
      group.add(bench(ScheduleActionBenchmark.class, "frameworkSigned", algorithm));
      group.add(bench(SignatureBenchmark.class, "frameworkSignAndVerify", algorithm));
    }
    return List.copyOf(group);
  }

  private final Map<String, List<RunResult>> passes = new HashMap<>();
  private final Map<String, RunResult> signing = new HashMap<>();

  private JmhSuite() {}

  /**
   * Runs every benchmark of the module with the counts of {@code plan}, in this JVM: first a
   * warm-up round of each benchmark, whose scores are dropped, then the measured passes.
   */
  static List<Row> run(Plan plan) throws RunnerException {
    JmhSuite suite = new JmhSuite();
    for (List<Bench> group : PAIRED_GROUPS) {
      for (Bench bench : group) {
        warmUp(plan, bench.include(), bench.algorithm());
      }
    }
    for (int pass = 0; pass < plan.jmhPasses(); pass++) {
      for (List<Bench> group : PAIRED_GROUPS) {
        List<Bench> order = new ArrayList<>(group);
        // Odd passes run the framework first, so that neither side always follows the other.
        if (pass % 2 == 1) {
          Collections.reverse(order);
        }
        for (Bench bench : order) {
          suite.collect(measure(plan, bench.include(), bench.algorithm()), suite.passes);
        }
      }
    }
    for (String algorithm : ALGORITHMS) {
      for (String method : List.of("jcaSignAndVerify", "frameworkSign", "frameworkSignAndVerify")) {
        String include = method(SignatureBenchmark.class, method);
        warmUp(plan, include, algorithm);
        for (RunResult run : measure(plan, include, algorithm)) {
          suite.signing.put(key(run), run);
        }
      }
    }
    return suite.rows();
  }

  /** Runs {@code include} long enough for the JIT to compile its code, and drops the scores. */
  private static void warmUp(Plan plan, String include, @Nullable String algorithm)
      throws RunnerException {
    new Runner(
            options(include, algorithm)
                .warmupIterations(1)
                .warmupTime(plan.jmhWarmUpTime())
                .measurementIterations(1)
                .measurementTime(plan.jmhIterationTime())
                .build())
        .run();
  }

  private static Collection<RunResult> measure(
      Plan plan, String include, @Nullable String algorithm) throws RunnerException {
    return new Runner(
            options(include, algorithm)
                .addProfiler(GCProfiler.class)
                .warmupIterations(1)
                .warmupTime(plan.jmhIterationTime())
                .measurementIterations(plan.jmhIterations())
                .measurementTime(plan.jmhIterationTime())
                .build())
        .run();
  }

  /**
   * Returns the options shared by every run. No run forks: the passes of a pair alternate in one
   * JVM whose JIT stays warm, and a fork per pass would pay the warm-up again each time.
   */
  private static ChainedOptionsBuilder options(String include, @Nullable String algorithm) {
    ChainedOptionsBuilder options =
        new OptionsBuilder().include(include).shouldFailOnError(false).forks(0);
    if (algorithm != null) {
      options.param("algorithm", algorithm);
    }
    return options;
  }

  private void collect(Collection<RunResult> runs, Map<String, List<RunResult>> into) {
    for (RunResult run : runs) {
      into.computeIfAbsent(key(run), name -> new ArrayList<>()).add(run);
    }
  }

  private static String key(RunResult run) {
    String method = run.getParams().getBenchmark();
    method = method.substring(method.lastIndexOf('.') + 1);
    String algorithm = run.getParams().getParam("algorithm");
    return algorithm == null ? method : method + ":" + algorithm;
  }

  private static Bench bench(Class<?> benchmark, String name, @Nullable String algorithm) {
    return new Bench(method(benchmark, name), algorithm);
  }

  /** Returns the JMH include pattern that matches one benchmark method and no other. */
  private static String method(Class<?> benchmark, String name) {
    return "^" + Pattern.quote(benchmark.getName() + "." + name) + "$";
  }

  private List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    rows.addAll(
        callRows(
            "HTTP",
            "frameworkHttp",
            new Baseline("raw OkHttp + Jetty", "execute()", "rawOkHttp"),
            new Baseline("raw OkHttp + Jetty", "enqueue()", "rawOkHttpAsync")));
    rows.add(
        comparedMeans(
            PER_CALL,
            "framework HTTP client, raw Jetty server, mean",
            "frameworkClientRawServer",
            "raw OkHttp + Jetty, enqueue(), mean",
            "rawOkHttpAsync",
            "splits the HTTP overhead: core's side only, beside the same asynchronous calls"));
    rows.add(
        comparedMeans(
            PER_CALL,
            "raw OkHttp client, framework HTTP server, mean",
            "rawClientFrameworkServer",
            "raw OkHttp + Jetty, execute(), mean",
            "rawOkHttp",
            "splits the HTTP overhead: the agent's side only"));
    rows.add(
        allocationRow(
            "framework HTTP client, raw Jetty server",
            "frameworkClientRawServer",
            "raw OkHttp + Jetty, enqueue()",
            "rawOkHttpAsync"));
    rows.add(
        allocationRow(
            "raw OkHttp client, framework HTTP server",
            "rawClientFrameworkServer",
            "raw OkHttp + Jetty, execute()",
            "rawOkHttp"));
    rows.addAll(
        callRows(
            "gRPC",
            "frameworkGrpc",
            new Baseline("raw gRPC-Java", "blocking stub", "rawGrpc"),
            new Baseline("raw gRPC-Java", "async stub", "rawGrpcAsync")));
    rows.add(
        comparedMeans(
            PER_CALL,
            "raw gRPC-Java, async stub, JDK TLS, mean",
            "rawGrpcAsync",
            "raw gRPC-Java, async stub, BoringSSL, mean",
            "rawGrpcAsyncDefaultTls",
            "what the JDK's TLS engine costs beside gRPC's default; the framework's provider"
                + " and the gRPC baselines above use the JDK's"));
    rows.addAll(signedRows());
    ALGORITHMS.forEach(algorithm -> rows.addAll(signingRows(algorithm)));
    return rows;
  }

  /** Returns a row of two means in microseconds, without a target. */
  private Row comparedMeans(
      String section,
      String figure,
      String measured,
      String baselineName,
      String baseline,
      String note) {
    return paired(
        Row.compared(section, figure, Double.NaN, "µs", baselineName, Double.NaN, note),
        measured,
        baseline,
        JmhSuite::mean);
  }

  /**
   * A raw baseline of the per-call figures.
   *
   * @param libraries what it calls, such as {@code raw OkHttp + Jetty}
   * @param style how it calls: blocking in the caller's thread, or asynchronously as the
   *     framework's futures do
   * @param benchmark the JMH method
   */
  private record Baseline(String libraries, String style, String benchmark) {
    String name() {
      return libraries + ", " + style;
    }
  }

  private Row allocationRow(String figure, String benchmark, String baselineName, String baseline) {
    return paired(
        Row.compared(
            PER_CALL,
            figure + ", heap allocated per call",
            Double.NaN,
            "B",
            baselineName,
            Double.NaN,
            "JMH gc profiler, both sides of the link"),
        benchmark,
        baseline,
        JmhSuite::allocatedPerCall);
  }

  /**
   * Returns the per-call rows of one provider: the mean against both baselines, each with the
   * target, then the percentiles and the allocation against the asynchronous baseline, and what the
   * asynchronous style alone costs beside the blocking one.
   */
  private List<Row> callRows(String name, String framework, Baseline blocking, Baseline async) {
    String figure = "framework " + name;
    String note = passCount() + " passes of one call at a time, sampled; median of the passes";
    return List.of(
        paired(
            Row.ratio(
                PER_CALL,
                figure + ", mean",
                Double.NaN,
                "µs",
                blocking.name() + ", mean",
                Double.NaN,
                CALL_TARGET,
                note + "; the baseline blocks the caller's thread, without a thread hand-off"),
            framework,
            blocking.benchmark(),
            JmhSuite::mean),
        paired(
            Row.ratio(
                PER_CALL,
                figure + ", mean",
                Double.NaN,
                "µs",
                async.name() + ", mean",
                Double.NaN,
                CALL_TARGET,
                note + "; the baseline returns a future, as the framework does"),
            framework,
            async.benchmark(),
            JmhSuite::mean),
        paired(
            Row.compared(
                PER_CALL,
                figure + ", p50",
                Double.NaN,
                "µs",
                async.name() + ", p50",
                Double.NaN,
                ""),
            framework,
            async.benchmark(),
            run -> percentile(run, 50)),
        paired(
            Row.compared(
                PER_CALL,
                figure + ", p99",
                Double.NaN,
                "µs",
                async.name() + ", p99",
                Double.NaN,
                ""),
            framework,
            async.benchmark(),
            run -> percentile(run, 99)),
        allocationRow(figure, framework, async.name(), async.benchmark()),
        paired(
            Row.compared(
                PER_CALL,
                async.name() + ", mean",
                Double.NaN,
                "µs",
                blocking.name() + ", mean",
                Double.NaN,
                "the price of a future alone, without the framework: the call runs on another"
                    + " thread, which wakes the caller"),
            async.benchmark(),
            blocking.benchmark(),
            JmhSuite::mean));
  }

  /**
   * Fills {@code template} with the medians of {@code measured} and {@code baseline} over the
   * passes, and the median of their pass-by-pass ratios.
   */
  private Row paired(
      Row template, String measured, String baseline, ToDoubleFunction<RunResult> score) {
    List<RunResult> measuredRuns = passes.getOrDefault(measured, List.of());
    List<RunResult> baselineRuns = passes.getOrDefault(baseline, List.of());
    int count = Math.min(measuredRuns.size(), baselineRuns.size());
    if (count == 0) {
      return Row.failed(template.section(), template.figure(), template.unit(), FAILED);
    }
    double[] values = new double[count];
    double[] baselines = new double[count];
    double[] ratios = new double[count];
    for (int i = 0; i < count; i++) {
      values[i] = score.applyAsDouble(measuredRuns.get(i));
      baselines[i] = score.applyAsDouble(baselineRuns.get(i));
      ratios[i] = values[i] / baselines[i];
    }
    return new Row(
        template.section(),
        template.figure(),
        median(values),
        template.unit(),
        template.baseline(),
        median(baselines),
        template.maxRatio(),
        template.maxValue(),
        template.note(),
        median(ratios));
  }

  private List<Row> signedRows() {
    List<Row> rows = new ArrayList<>();
    for (String algorithm : ACTION_ALGORITHMS) {
      String signed = "frameworkSigned:" + algorithm;
      rows.add(
          comparedMeans(
              SIGNED,
              "framework HTTP, signed (" + algorithm + "), mean",
              signed,
              "raw OkHttp + Jetty, unsigned POST, enqueue(), mean",
              "rawUnsignedAsync",
              "the framework has no unsigned action path, so the baseline is raw"));
      rows.add(difference(algorithm, "rawUnsigned", "execute()"));
      rows.add(difference(algorithm, "rawUnsignedAsync", "enqueue()"));
      rows.add(
          comparedMeans(
              SIGNED,
              "framework HTTP, signed (" + algorithm + "), mean",
              signed,
              "raw OkHttp + Jetty, body signed by hand, enqueue(), mean",
              "rawSignedAsync:" + algorithm,
              "the same signature implementation by hand, without base, digest, nonce or"
                  + " replay check"));
      rows.add(handSignedCost(algorithm));
    }
    return rows;
  }

  /**
   * Returns the row of the framework's signed round trip minus the raw unsigned one of {@code
   * unsigned}, against the framework's sign-plus-verify time of the same passes.
   */
  private Row difference(String algorithm, String unsigned, String style) {
    String note =
        style.equals("execute()")
            ? "also holds the framework's per-call overhead and its future's thread hand-off"
            : "also holds the framework's per-call overhead beside raw OkHttp and Jetty";
    return pairedDifference(
        Row.ratio(
            SIGNED,
            "signed minus unsigned " + style + ", " + algorithm,
            Double.NaN,
            "µs",
            "framework sign + verify, " + algorithm + ", same passes",
            Double.NaN,
            SIGNED_TARGET,
            note),
        "frameworkSigned:" + algorithm,
        unsigned,
        algorithm);
  }

  /**
   * Returns what signing by hand adds to a raw round trip, against the framework's sign-plus-verify
   * time of the same passes: the cost of the cryptography inside a round trip rather than in a loop
   * of its own.
   */
  private Row handSignedCost(String algorithm) {
    return pairedDifference(
        Row.compared(
            SIGNED,
            "raw signed minus raw unsigned, enqueue(), " + algorithm,
            Double.NaN,
            "µs",
            "framework sign + verify, " + algorithm + ", same passes",
            Double.NaN,
            "what the signature costs inside a round trip when written by hand"),
        "rawSignedAsync:" + algorithm,
        "rawUnsignedAsync",
        algorithm);
  }

  /**
   * Fills {@code template} with the median over the passes of {@code signed} minus {@code
   * unsigned}, beside the framework's sign-plus-verify time of {@code algorithm}, and the median of
   * their pass-by-pass ratios.
   */
  private Row pairedDifference(Row template, String signed, String unsigned, String algorithm) {
    List<RunResult> signedRuns = passes.getOrDefault(signed, List.of());
    List<RunResult> unsignedRuns = passes.getOrDefault(unsigned, List.of());
    List<RunResult> signRuns =
        passes.getOrDefault("frameworkSignAndVerify:" + algorithm, List.of());
    int count = Math.min(signedRuns.size(), Math.min(unsignedRuns.size(), signRuns.size()));
    if (count == 0) {
      return Row.failed(template.section(), template.figure(), template.unit(), FAILED);
    }
    double[] differences = new double[count];
    double[] signTimes = new double[count];
    double[] ratios = new double[count];
    for (int i = 0; i < count; i++) {
      differences[i] = mean(signedRuns.get(i)) - mean(unsignedRuns.get(i));
      signTimes[i] = mean(signRuns.get(i));
      ratios[i] = differences[i] / signTimes[i];
    }
    return new Row(
        template.section(),
        template.figure(),
        median(differences),
        template.unit(),
        template.baseline(),
        median(signTimes),
        template.maxRatio(),
        template.maxValue(),
        template.note(),
        median(ratios));
  }

  private List<Row> signingRows(String algorithm) {
    RunResult framework = signing.get("frameworkSignAndVerify:" + algorithm);
    RunResult jca = signing.get("jcaSignAndVerify:" + algorithm);
    RunResult sign = signing.get("frameworkSign:" + algorithm);
    String figure = "framework sign + verify, " + algorithm;
    Row pair =
        framework == null || jca == null
            ? Row.failed(SIGNING, figure, "µs", FAILED)
            : Row.compared(
                SIGNING,
                figure,
                mean(framework),
                "µs",
                "JCA sign + verify",
                mean(jca),
                "RequestSigner.sign then RequestGuard.check, nonce and window included");
    Row signOnly =
        sign == null
            ? Row.failed(SIGNING, "framework sign, " + algorithm, "µs", FAILED)
            : Row.plain(SIGNING, "framework sign, " + algorithm, mean(sign), "µs", "");
    return List.of(pair, signOnly);
  }

  private int passCount() {
    return passes.values().stream().mapToInt(List::size).max().orElse(0);
  }

  private static double mean(RunResult run) {
    return run.getPrimaryResult().getScore();
  }

  /** Returns the bytes allocated per operation that the gc profiler measured, or NaN. */
  private static double allocatedPerCall(RunResult run) {
    for (Map.Entry<String, Result> entry : run.getSecondaryResults().entrySet()) {
      if (entry.getKey().endsWith("gc.alloc.rate.norm")) {
        return entry.getValue().getScore();
      }
    }
    return Double.NaN;
  }

  private static double percentile(RunResult run, double percent) {
    return run.getPrimaryResult().getStatistics().getPercentile(percent);
  }

  /** Returns the median, the mean of the middle two for an even count. */
  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  /** The JMH counts of one run. */
  interface Plan {
    /** Returns how many times each baseline and framework pair runs, one after the other. */
    int jmhPasses();

    /** Returns how long each benchmark runs once, unmeasured, before the first pass. */
    TimeValue jmhWarmUpTime();

    /** Returns the measurement iterations of each benchmark in one pass. */
    int jmhIterations();

    /** Returns the duration of one iteration, and of the short warm-up that starts each pass. */
    TimeValue jmhIterationTime();
  }
}
