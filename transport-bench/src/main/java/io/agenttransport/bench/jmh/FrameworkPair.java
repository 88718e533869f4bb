package io.agenttransport.bench.jmh;

import io.agenttransport.api.AgentChannel;
import io.agenttransport.bench.support.BenchPki;
import io.agenttransport.bench.support.FixtureAgent;
import io.agenttransport.bench.support.FrameworkSetup;
import io.agenttransport.model.ActionScheduleRequest;
import io.agenttransport.model.ActionScheduleResponse;
import io.agenttransport.model.NodeInfo;
import io.agenttransport.security.signature.SignatureAlgorithm;
import io.agenttransport.spi.AgentServer;
import io.agenttransport.spi.ClientTransport;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One framework agent server and a pooled core channel to it, over one provider. */
final class FrameworkPair {
  private static final long CALL_TIMEOUT_SECONDS = 30;

  private final String transport;
  private FixtureAgent agent;
  private AgentServer server;
  private ClientTransport client;
  private AgentChannel channel;

  private final SignatureAlgorithm signing;

  FrameworkPair(String transport) {
    this(transport, SignatureAlgorithm.ECDSA_P256_SHA256);
  }

  /** Creates a pair whose core signs actions with {@code signing}. */
  FrameworkPair(String transport, SignatureAlgorithm signing) {
    this.transport = transport;
    this.signing = signing;
  }

  /** Starts both sides and makes one call, so that the connection is open. */
  void start() throws InterruptedException, ExecutionException, TimeoutException {
    FrameworkSetup setup = FrameworkSetup.create(BenchPki.create(), transport, signing);
    agent = new FixtureAgent();
    server = setup.startAgent("agent", agent);
    client = setup.client(FrameworkSetup.pooledSettings());
    channel = client.open(server.boundAddress());
    nodeInfo();
  }

  NodeInfo nodeInfo() throws InterruptedException, ExecutionException, TimeoutException {
    return channel.nodeInfo().get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  ActionScheduleResponse schedule(ActionScheduleRequest request)
      throws InterruptedException, ExecutionException, TimeoutException {
    return channel.scheduleAction(request).get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  void stop() {
    channel.close();
    client.close();
    server.close();
  }
}
