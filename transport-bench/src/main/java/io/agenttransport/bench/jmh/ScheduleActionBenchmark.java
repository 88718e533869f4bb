package io.agenttransport.bench.jmh;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.bench.support.BenchPki;
import io.agenttransport.bench.support.FixtureAgent;
import io.agenttransport.bench.support.RawJettyAgent;
import io.agenttransport.bench.support.RawOkHttpClient;
import io.agenttransport.bench.support.RawSignature;
import io.agenttransport.bench.support.RawTls;
import io.agenttransport.model.ActionScheduleRequest;
import io.agenttransport.model.ActionScheduleResponse;
import io.agenttransport.model.JsonValue;
import io.agenttransport.model.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Schedule action round trip over mutual TLS with pooled connections: the framework signs each
 * request and the agent verifies it, beside an unsigned POST of the same body to the same path.
 *
 * <p>The framework has no unsigned path for actions (an action without a signing key is rejected
 * before it is sent), so the unsigned baseline is raw OkHttp to a raw Jetty server. The difference
 * therefore contains the framework's per-call overhead as well as signing and verification.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScheduleActionBenchmark {
  private static final long CALL_TIMEOUT_SECONDS = 30;

  /** The action kind scheduled; the reference agent finishes it at once. */
  static final String KIND = "agent.replicante.io/test.success";

  /** Returns the request sent by both paths, with a new action id. */
  static ActionScheduleRequest newRequest() {
    return new ActionScheduleRequest(
        KIND,
        UUID.randomUUID(),
        JsonValue.EMPTY_OBJECT,
        Timestamp.of(Instant.now()),
        Map.of("requested_by", "bench"),
        Map.of());
  }

  /** Unsigned POST with raw OkHttp to raw Jetty. */
  @State(Scope.Benchmark)
  public static class RawUnsigned {
    FixtureAgent agent;
    RawJettyAgent server;
    RawOkHttpClient client;
    AgentAddress address;

    /** Starts the server and warms one connection. */
    @Setup(Level.Trial)
    public void start() {
      BenchPki pki = BenchPki.create();
      agent = new FixtureAgent();
      server =
          RawJettyAgent.start(
              agent, RawTls.of(pki.issueAgent("agent", "127.0.0.1"), pki.caCertificate()));
      address = server.address();
      client = RawOkHttpClient.pooled(RawTls.of(pki.issueCore(), pki.caCertificate()), 5);
      client.schedule(address, newRequest());
    }

    /** Stops client, server and agent. */
    @TearDown(Level.Trial)
    public void stop() {
      client.close();
      server.close();
    }
  }

  /** Raw OkHttp and raw Jetty, with the body signed and verified by hand. */
  @State(Scope.Benchmark)
  public static class RawSigned {
    /** The RFC 9421 algorithm name of the signature. */
    @Param({"ecdsa-p256-sha256", "ed25519"})
    public String algorithm;

    RawSignature signatures;
    RawJettyAgent server;
    RawOkHttpClient client;
    AgentAddress address;

    /** Starts the server and warms one connection. */
    @Setup(Level.Trial)
    public void start() throws Exception {
      BenchPki pki = BenchPki.create();
      signatures = new RawSignature(BenchPki.algorithm(algorithm));
      server =
          RawJettyAgent.start(
              new FixtureAgent(),
              RawTls.of(pki.issueAgent("agent", "127.0.0.1"), pki.caCertificate()),
              signatures);
      address = server.address();
      client = RawOkHttpClient.pooled(RawTls.of(pki.issueCore(), pki.caCertificate()), 5);
      client
          .scheduleSignedAsync(address, newRequest(), signatures)
          .get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Stops client and server. */
    @TearDown(Level.Trial)
    public void stop() {
      client.close();
      server.close();
    }
  }

  /** The framework's HTTP provider, signing with the algorithm of the parameter. */
  @State(Scope.Benchmark)
  public static class FrameworkSigned {
    /** The RFC 9421 algorithm name core signs with. */
    @Param({"ecdsa-p256-sha256", "ed25519"})
    public String algorithm;

    FrameworkPair pair;

    /** Starts the agent server and the core transport. */
    @Setup(Level.Trial)
    public void start() throws Exception {
      pair = new FrameworkPair("http", BenchPki.algorithm(algorithm));
      pair.start();
    }

    /** Stops both sides. */
    @TearDown(Level.Trial)
    public void stop() {
      pair.stop();
    }
  }

  /** Measures an unsigned POST of the same body with raw OkHttp to raw Jetty. */
  @Benchmark
  public ActionScheduleResponse rawUnsigned(RawUnsigned state) {
    return state.client.schedule(state.address, newRequest());
  }

  /** Measures an unsigned POST of the same body with raw OkHttp's {@code enqueue()}. */
  @Benchmark
  public ActionScheduleResponse rawUnsignedAsync(RawUnsigned state) throws Exception {
    return state
        .client
        .scheduleAsync(state.address, newRequest())
        .get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  /** Measures a POST signed and verified by hand, with raw OkHttp's {@code enqueue()}. */
  @Benchmark
  public ActionScheduleResponse rawSignedAsync(RawSigned state) throws Exception {
    return state
        .client
        .scheduleSignedAsync(state.address, newRequest(), state.signatures)
        .get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  /** Measures a signed schedule through the framework's HTTP provider. */
  @Benchmark
  public ActionScheduleResponse frameworkSigned(FrameworkSigned state) throws Exception {
    return state.pair.schedule(newRequest());
  }
}
