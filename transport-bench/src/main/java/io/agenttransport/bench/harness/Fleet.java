package io.agenttransport.bench.harness;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.bench.support.BenchPki;
import io.agenttransport.bench.support.FrameworkSetup;
import io.agenttransport.bench.support.GatedAgent;
import io.agenttransport.bench.support.RawJettyAgent;
import io.agenttransport.bench.support.RawTls;
import io.agenttransport.spi.AgentServer;
import java.util.ArrayList;
import java.util.List;

/**
 * Many agents on loopback, each with its own server and its own certificate from one CA, served
 * either by raw Jetty or by a framework provider.
 */
final class Fleet implements AutoCloseable {
  private final List<GatedAgent> agents;
  private final List<AgentAddress> addresses;
  private final List<AutoCloseable> servers;

  private Fleet(
      List<GatedAgent> agents, List<AgentAddress> addresses, List<AutoCloseable> servers) {
    this.agents = agents;
    this.addresses = addresses;
    this.servers = servers;
  }

  /** Starts {@code size} raw Jetty agents with certificates from {@code pki}. */
  static Fleet raw(BenchPki pki, int size) {
    List<GatedAgent> agents = new ArrayList<>();
    List<AgentAddress> addresses = new ArrayList<>();
    List<AutoCloseable> servers = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      GatedAgent agent = new GatedAgent();
      RawTls tls = RawTls.of(pki.issueAgent("agent-" + i, "127.0.0.1"), pki.caCertificate());
      RawJettyAgent server = RawJettyAgent.start(agent, tls);
      agents.add(agent);
      addresses.add(server.address());
      servers.add(server);
    }
    return new Fleet(agents, addresses, servers);
  }

  /** Starts {@code size} agents served by the framework provider of {@code setup}. */
  static Fleet framework(FrameworkSetup setup, int size) {
    List<GatedAgent> agents = new ArrayList<>();
    List<AgentAddress> addresses = new ArrayList<>();
    List<AutoCloseable> servers = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      GatedAgent agent = new GatedAgent();
      AgentServer server = setup.startAgent("agent-" + i, agent);
      agents.add(agent);
      addresses.add(server.boundAddress());
      servers.add(server);
    }
    return new Fleet(agents, addresses, servers);
  }

  List<GatedAgent> agents() {
    return agents;
  }

  List<AgentAddress> addresses() {
    return addresses;
  }

  int size() {
    return addresses.size();
  }

  /** Stops every server and agent, and throws the first failure after trying them all. */
  @Override
  public void close() throws Exception {
    Exception first = null;
    for (AutoCloseable server : servers) {
      try {
        server.close();
      } catch (Exception e) {
        first = first == null ? e : first;
      }
    }
    agents.forEach(GatedAgent::close);
    if (first != null) {
      throw first;
    }
  }
}
