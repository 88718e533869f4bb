package io.agenttransport.bench.jmh;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentChannel;
import io.agenttransport.bench.support.BenchPki;
import io.agenttransport.bench.support.FixtureAgent;
import io.agenttransport.bench.support.FrameworkSetup;
import io.agenttransport.bench.support.RawGrpcAgent;
import io.agenttransport.bench.support.RawJettyAgent;
import io.agenttransport.bench.support.RawOkHttpClient;
import io.agenttransport.bench.support.RawTls;
import io.agenttransport.model.NodeInfo;
import io.agenttransport.spi.AgentServer;
import io.agenttransport.spi.ClientTransport;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Node info round trip over mutual TLS with pooled connections, one call at a time: the framework's
 * providers beside OkHttp to Jetty and a gRPC-Java stub doing the same work (one request, the same
 * body decoded into {@link NodeInfo}). Two mixed pairs split the HTTP overhead between core's
 * client and the agent's server.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NodeInfoBenchmark {
  private static final long CALL_TIMEOUT_SECONDS = 30;

  /** Raw OkHttp calling a raw Jetty server. */
  @State(Scope.Benchmark)
  public static class RawHttp {
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
      client.nodeInfo(address);
    }

    /** Stops client, server and agent. */
    @TearDown(Level.Trial)
    public void stop() {
      client.close();
      server.close();
    }
  }

  /** The framework's HTTP provider on both sides. */
  @State(Scope.Benchmark)
  public static class FrameworkHttp {
    final FrameworkPair pair = new FrameworkPair("http");

    /** Starts the agent server and the core transport. */
    @Setup(Level.Trial)
    public void start() throws Exception {
      pair.start();
    }

    /** Stops both sides. */
    @TearDown(Level.Trial)
    public void stop() {
      pair.stop();
    }
  }

  /** Raw OkHttp calling the framework's HTTP agent server. */
  @State(Scope.Benchmark)
  public static class RawClientFrameworkServer {
    FixtureAgent agent;
    AgentServer server;
    RawOkHttpClient client;
    AgentAddress address;

    /** Starts the framework server and a raw client with core's certificate. */
    @Setup(Level.Trial)
    public void start() {
      BenchPki pki = BenchPki.create();
      FrameworkSetup setup = FrameworkSetup.create(pki, "http");
      agent = new FixtureAgent();
      server = setup.startAgent("agent", agent);
      address = server.boundAddress();
      client = RawOkHttpClient.pooled(RawTls.of(setup.core(), pki.caCertificate()), 5);
      client.nodeInfo(address);
    }

    /** Stops client, server and agent. */
    @TearDown(Level.Trial)
    public void stop() {
      client.close();
      server.close();
    }
  }

  /** The framework's HTTP client calling a raw Jetty server. */
  @State(Scope.Benchmark)
  public static class FrameworkClientRawServer {
    FixtureAgent agent;
    RawJettyAgent server;
    ClientTransport transport;
    AgentChannel channel;

    /** Starts the raw server and the framework client. */
    @Setup(Level.Trial)
    public void start() throws Exception {
      BenchPki pki = BenchPki.create();
      FrameworkSetup setup = FrameworkSetup.create(pki, "http");
      agent = new FixtureAgent();
      server =
          RawJettyAgent.start(
              agent, RawTls.of(pki.issueAgent("agent", "127.0.0.1"), pki.caCertificate()));
      transport = setup.client(FrameworkSetup.pooledSettings());
      channel = transport.open(server.address());
      channel.nodeInfo().get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Stops client, server and agent. */
    @TearDown(Level.Trial)
    public void stop() {
      channel.close();
      transport.close();
      server.close();
    }
  }

  /** A gRPC-Java server and a client connected to it, on one TLS engine. */
  static final class GrpcBaseline {
    final RawGrpcAgent server;
    final RawGrpcAgent.Client client;

    /** Starts the server and warms the client's channel. */
    GrpcBaseline(RawGrpcAgent.TlsEngine engine) {
      BenchPki pki = BenchPki.create();
      server =
          RawGrpcAgent.start(
              new FixtureAgent(),
              RawTls.of(pki.issueAgent("agent", "127.0.0.1"), pki.caCertificate()),
              engine);
      client =
          new RawGrpcAgent.Client(
              server.address(), RawTls.of(pki.issueCore(), pki.caCertificate()), engine);
      client.nodeInfo();
    }

    void close() {
      client.close();
      server.close();
    }
  }

  /**
   * A gRPC-Java client and server on the JDK's TLS engine, the one the framework's gRPC provider
   * uses, so that the pair compares the same TLS setup.
   */
  @State(Scope.Benchmark)
  public static class RawGrpc {
    GrpcBaseline baseline;

    /** Starts the server and warms the channel. */
    @Setup(Level.Trial)
    public void start() {
      baseline = new GrpcBaseline(RawGrpcAgent.TlsEngine.JDK);
    }

    /** Stops client and server. */
    @TearDown(Level.Trial)
    public void stop() {
      baseline.close();
    }
  }

  /** A gRPC-Java client and server on gRPC's default TLS engine, BoringSSL. */
  @State(Scope.Benchmark)
  public static class RawGrpcDefaultTls {
    GrpcBaseline baseline;

    /** Starts the server and warms the channel. */
    @Setup(Level.Trial)
    public void start() {
      baseline = new GrpcBaseline(RawGrpcAgent.TlsEngine.GRPC_DEFAULT);
    }

    /** Stops client and server. */
    @TearDown(Level.Trial)
    public void stop() {
      baseline.close();
    }
  }

  /** The framework's gRPC provider on both sides. */
  @State(Scope.Benchmark)
  public static class FrameworkGrpc {
    final FrameworkPair pair = new FrameworkPair("grpc");

    /** Starts the agent server and the core transport. */
    @Setup(Level.Trial)
    public void start() throws Exception {
      pair.start();
    }

    /** Stops both sides. */
    @TearDown(Level.Trial)
    public void stop() {
      pair.stop();
    }
  }

  /** Measures raw OkHttp to raw Jetty. */
  @Benchmark
  public NodeInfo rawOkHttp(RawHttp state) {
    return state.client.nodeInfo(state.address);
  }

  /** Measures raw OkHttp to raw Jetty through {@code enqueue}, waiting for a future. */
  @Benchmark
  public NodeInfo rawOkHttpAsync(RawHttp state) throws Exception {
    return state.client.nodeInfoAsync(state.address).get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  /** Measures the framework's HTTP provider on both sides. */
  @Benchmark
  public NodeInfo frameworkHttp(FrameworkHttp state) throws Exception {
    return state.pair.nodeInfo();
  }

  /** Measures raw OkHttp to the framework's agent server. */
  @Benchmark
  public NodeInfo rawClientFrameworkServer(RawClientFrameworkServer state) {
    return state.client.nodeInfo(state.address);
  }

  /** Measures the framework's HTTP client to raw Jetty. */
  @Benchmark
  public NodeInfo frameworkClientRawServer(FrameworkClientRawServer state) throws Exception {
    return await(state.channel);
  }

  /** Measures a raw gRPC-Java stub call. */
  @Benchmark
  public NodeInfo rawGrpc(RawGrpc state) {
    return state.baseline.client.nodeInfo();
  }

  /** Measures a raw gRPC-Java asynchronous stub call, waiting for a future. */
  @Benchmark
  public NodeInfo rawGrpcAsync(RawGrpc state) throws Exception {
    return state.baseline.client.nodeInfoAsync().get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  /** Measures a raw gRPC-Java asynchronous stub call on gRPC's default TLS engine. */
  @Benchmark
  public NodeInfo rawGrpcAsyncDefaultTls(RawGrpcDefaultTls state) throws Exception {
    return state.baseline.client.nodeInfoAsync().get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  /** Measures the framework's gRPC provider on both sides. */
  @Benchmark
  public NodeInfo frameworkGrpc(FrameworkGrpc state) throws Exception {
    return state.pair.nodeInfo();
  }

  static NodeInfo await(AgentChannel channel)
      throws InterruptedException, ExecutionException, TimeoutException {
    return channel.nodeInfo().get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }
}
