package io.agenttransport.bench;

import io.agenttransport.bench.jmh.NodeInfoBenchmark;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks of this module and turns their scores into report rows: per-call
 * overhead, signed actions, and signing per algorithm.
 */
final class JmhSuite {
  static final String PER_CALL = "Per-call overhead: node info over mutual TLS, pooled connection";
  static final String SIGNED = "Signed actions: schedule round trip";
  static final String SIGNING = "Sign and verify per algorithm";

  private static final String PACKAGE = NodeInfoBenchmark.class.getPackageName();
  private static final double CALL_TARGET = 1.10;
  private static final double SIGNED_TARGET = 1.2;
  private static final String ACTION_ALGORITHM = "ecdsa-p256-sha256";
  private static final List<String> ALGORITHMS =
      List.of("ed25519", "ecdsa-p256-sha256", "rsa-pss-sha512");
  private static final String FAILED = "the benchmark failed; the JMH output shows why";

  private final Map<String, RunResult> results = new HashMap<>();

  private JmhSuite(Collection<RunResult> runs) {
    for (RunResult run : runs) {
      String method = run.getParams().getBenchmark();
      method = method.substring(method.lastIndexOf('.') + 1);
      String algorithm = run.getParams().getParam("algorithm");
      results.put(algorithm == null ? method : method + ":" + algorithm, run);
    }
  }

  /** Runs every benchmark of the module with the iteration counts of {@code plan}. */
  static List<Row> run(Plan plan) throws RunnerException {
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(PACKAGE.replace(".", "\\.") + "\\..*")
            .shouldFailOnError(false)
            .jvmArgsAppend("-Xmx1g");
    if (!plan.jmhDefaults()) {
      options
          .forks(plan.jmhForks())
          .warmupIterations(plan.jmhIterations())
          .warmupTime(plan.jmhIterationTime())
          .measurementIterations(plan.jmhIterations())
          .measurementTime(plan.jmhIterationTime());
    }
    return new JmhSuite(new Runner(options.build()).run()).rows();
  }

  private List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    rows.addAll(callRows("HTTP", "frameworkHttp", "raw OkHttp + Jetty", "rawOkHttp"));
    rows.add(
        compared(
            PER_CALL,
            "framework HTTP client, raw Jetty server, mean",
            "frameworkClientRawServer",
            "raw OkHttp + Jetty, mean",
            "rawOkHttp",
            "splits the HTTP overhead: core's side only"));
    rows.add(
        compared(
            PER_CALL,
            "raw OkHttp client, framework HTTP server, mean",
            "rawClientFrameworkServer",
            "raw OkHttp + Jetty, mean",
            "rawOkHttp",
            "splits the HTTP overhead: the agent's side only"));
    rows.addAll(callRows("gRPC", "frameworkGrpc", "raw gRPC-Java stub", "rawGrpc"));
    rows.addAll(signedRows());
    ALGORITHMS.forEach(algorithm -> rows.addAll(signingRows(algorithm)));
    return rows;
  }

  private List<Row> callRows(String name, String framework, String rawName, String raw) {
    String figure = "framework " + name;
    Optional<RunResult> measured = result(framework);
    Optional<RunResult> baseline = result(raw);
    if (measured.isEmpty() || baseline.isEmpty()) {
      return List.of(Row.failed(PER_CALL, figure + ", mean", "µs", FAILED));
    }
    return List.of(
        Row.ratio(
            PER_CALL,
            figure + ", mean",
            mean(measured.get()),
            "µs",
            rawName + ", mean",
            mean(baseline.get()),
            CALL_TARGET,
            "one call at a time, sampled"),
        Row.compared(
            PER_CALL,
            figure + ", p50",
            percentile(measured.get(), 50),
            "µs",
            rawName + ", p50",
            percentile(baseline.get(), 50),
            ""),
        Row.compared(
            PER_CALL,
            figure + ", p99",
            percentile(measured.get(), 99),
            "µs",
            rawName + ", p99",
            percentile(baseline.get(), 99),
            ""));
  }

  private List<Row> signedRows() {
    Row signedBesideUnsigned =
        compared(
            SIGNED,
            "framework HTTP, signed (" + ACTION_ALGORITHM + "), mean",
            "frameworkSigned",
            "raw OkHttp + Jetty, unsigned POST, mean",
            "rawUnsigned",
            "the framework has no unsigned action path; the baseline is raw");
    Optional<RunResult> signAndVerify = result("frameworkSignAndVerify:" + ACTION_ALGORITHM);
    if (!signedBesideUnsigned.measured() || signAndVerify.isEmpty()) {
      return List.of(
          signedBesideUnsigned, Row.failed(SIGNED, "signed minus unsigned", "µs", FAILED));
    }
    Row difference =
        Row.ratio(
            SIGNED,
            "signed minus unsigned",
            signedBesideUnsigned.value() - signedBesideUnsigned.baselineValue(),
            "µs",
            "framework sign + verify, " + ACTION_ALGORITHM,
            mean(signAndVerify.get()),
            SIGNED_TARGET,
            "holds the framework's per-call overhead as well as signing and verification");
    return List.of(signedBesideUnsigned, difference);
  }

  private List<Row> signingRows(String algorithm) {
    return List.of(
        compared(
            SIGNING,
            "framework sign + verify, " + algorithm,
            "frameworkSignAndVerify:" + algorithm,
            "JCA sign + verify",
            "jcaSignAndVerify:" + algorithm,
            "RequestSigner.sign then RequestGuard.check, nonce and window included"),
        result("frameworkSign:" + algorithm)
            .map(run -> Row.plain(SIGNING, "framework sign, " + algorithm, mean(run), "µs", ""))
            .orElseGet(() -> Row.failed(SIGNING, "framework sign, " + algorithm, "µs", FAILED)));
  }

  private Row compared(
      String section,
      String figure,
      String benchmark,
      String baselineName,
      String baseline,
      String note) {
    Optional<RunResult> measured = result(benchmark);
    Optional<RunResult> reference = result(baseline);
    if (measured.isEmpty() || reference.isEmpty()) {
      return Row.failed(section, figure, "µs", FAILED);
    }
    return Row.compared(
        section, figure, mean(measured.get()), "µs", baselineName, mean(reference.get()), note);
  }

  private Optional<RunResult> result(String key) {
    return Optional.ofNullable(results.get(key));
  }

  private static double mean(RunResult run) {
    return run.getPrimaryResult().getScore();
  }

  private static double percentile(RunResult run, double percent) {
    return run.getPrimaryResult().getStatistics().getPercentile(percent);
  }

  /** The JMH counts of one run. */
  interface Plan {
    /** Returns whether the counts of the benchmarks' annotations apply. */
    boolean jmhDefaults();

    /** Returns the forks per benchmark; 0 runs in this JVM. */
    int jmhForks();

    /** Returns the warm-up and measurement iterations. */
    int jmhIterations();

    /** Returns the duration of one iteration. */
    TimeValue jmhIterationTime();
  }
}
