package io.agenttransport.cli.demo;

import io.agenttransport.agent.ReferenceAgent;
import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.CallListener;
import io.agenttransport.cli.ConfigSnippets;
import io.agenttransport.cli.certs.CertificateSet;
import io.agenttransport.config.ActionsMode;
import io.agenttransport.config.AgentConfig;
import io.agenttransport.config.AgentTlsConfig;
import io.agenttransport.config.PeerIdentity;
import io.agenttransport.config.ReplaySettings;
import io.agenttransport.config.ServerSettings;
import io.agenttransport.config.SignatureSettings;
import io.agenttransport.config.TrustedKeyConfig;
import io.agenttransport.registry.TransportRegistry;
import io.agenttransport.runtime.AgentRuntime;
import io.agenttransport.spi.AgentServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One of the demo's reference agents, serving on a free loopback port.
 *
 * @param name the agent's name, also its node id
 * @param config the configuration it was started with
 * @param agent the reference agent
 * @param server the server serving it
 */
record DemoAgent(String name, AgentConfig config, ReferenceAgent agent, AgentServer server)
    implements AutoCloseable {
  private static final String LOOPBACK = "127.0.0.1";

  /**
   * Starts an agent with mutual TLS and actions enabled, trusting core's certificate for
   * signatures.
   *
   * @param certificates the directory the certificate set was written to
   */
  static DemoAgent startMutualTls(
      String name,
      String transport,
      Path certificates,
      CertificateSet set,
      TransportRegistry registry) {
    AgentTlsConfig tls =
        new AgentTlsConfig(
            certificates.resolve(CertificateSet.agentCertFile(name)),
            certificates.resolve(CertificateSet.agentKeyFile(name)),
            null,
            certificates.resolve(CertificateSet.CA_FILE),
            List.of(new PeerIdentity(PeerIdentity.Type.URI, set.coreUri())));
    SignatureSettings signature =
        new SignatureSettings(
            List.of(
                new TrustedKeyConfig(
                    ConfigSnippets.CORE_KEY_ID,
                    certificates.resolve(CertificateSet.CORE_CERT_FILE),
                    null)),
            ReplaySettings.DEFAULTS,
            false,
            List.of());
    return start(name, transport, tls, ActionsMode.ENABLED, signature, registry);
  }

  /** Starts an agent over plain HTTP, which serves information only. */
  static DemoAgent startPlain(String name, TransportRegistry registry) {
    SignatureSettings signature =
        new SignatureSettings(List.of(), ReplaySettings.DEFAULTS, false, List.of());
    return start(name, "http", null, ActionsMode.AUTO, signature, registry);
  }

  private static DemoAgent start(
      String name,
      String transport,
      @Nullable AgentTlsConfig tls,
      ActionsMode actions,
      SignatureSettings signature,
      TransportRegistry registry) {
    ServerSettings server = ServerSettings.builder().bindHost(LOOPBACK).port(0).build();
    AgentConfig config = new AgentConfig(transport, server, tls, actions, signature, Map.of());
    ReferenceAgent agent = ReferenceAgent.create(name);
    try {
      return new DemoAgent(
          name, config, agent, AgentRuntime.start(config, agent, registry, CallListener.NONE));
    } catch (RuntimeException e) {
      agent.close();
      throw e;
    }
  }

  /** Returns the address core calls the agent at. */
  AgentAddress address() {
    return server.boundAddress();
  }

  @Override
  public void close() {
    server.close();
    agent.close();
  }
}
