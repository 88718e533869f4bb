package io.agenttransport.http.internal;

import io.agenttransport.api.Agent;
import io.agenttransport.api.CallListener;
import io.agenttransport.config.ClientSettings;
import io.agenttransport.config.PeerIdentity;
import io.agenttransport.config.ServerSettings;
import io.agenttransport.http.HttpTransportProvider;
import io.agenttransport.security.RequestGuard;
import io.agenttransport.security.signature.RequestSigner;
import io.agenttransport.security.signature.SignatureAlgorithm;
import io.agenttransport.security.tls.ClientTlsMaterial;
import io.agenttransport.security.tls.ServerTlsMaterial;
import io.agenttransport.spi.ClientContext;
import io.agenttransport.spi.ClientTransport;
import io.agenttransport.spi.ServerContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One CA, an agent certificate for 127.0.0.1 and core's client certificate, with helpers that start
 * a mutual TLS agent server and a core client transport from them.
 */
final class TlsSetup {
  static final String CORE_URI = "spiffe://agent-transport.test/core";
  static final String KEY_ID = "core-1";

  final TestPki.Authority ca = TestPki.authority("Test CA");
  final TestPki.Issued agentCert = ca.agent("127.0.0.1");
  final TestPki.Issued coreCert = ca.core(CORE_URI);

  /** Returns the agent's material: its certificate, and core pinned by URI SAN. */
  ServerTlsMaterial serverMaterial(ServerSettings settings) {
    return serverMaterial(agentCert, settings);
  }

  ServerTlsMaterial serverMaterial(TestPki.Issued agent, ServerSettings settings) {
    return ServerTlsMaterial.of(
        agent.keyPair().getPrivate(),
        agent.chain(),
        List.of(ca.certificate()),
        List.of(new PeerIdentity(PeerIdentity.Type.URI, CORE_URI)),
        settings);
  }

  /** Returns core's material, trusting only this CA. */
  ClientTlsMaterial clientMaterial(ClientSettings settings) {
    return clientMaterial(coreCert, settings);
  }

  ClientTlsMaterial clientMaterial(TestPki.Issued client, ClientSettings settings) {
    return ClientTlsMaterial.of(
        client.keyPair().getPrivate(), client.chain(), List.of(ca.certificate()), settings);
  }

  /** Returns a guard that trusts core's key and serves actions over this mutual TLS setup. */
  RequestGuard guard(ServerTlsMaterial material) {
    return RequestGuard.builder(Clock.systemUTC())
        .tls(material)
        .trustKey(KEY_ID, coreCert.keyPair().getPublic(), SignatureAlgorithm.ECDSA_P256_SHA256)
        .build();
  }

  /** Returns core's signer, with core's TLS key as its signing key. */
  RequestSigner signer() {
    return RequestSigner.create(KEY_ID, coreCert.keyPair().getPrivate(), Clock.systemUTC());
  }

  /** Starts a mutual TLS agent server with actions enabled. */
  JettyAgentServer startServer(Agent agent, ServerSettings settings, CallListener listener) {
    ServerTlsMaterial material = serverMaterial(settings);
    return JettyAgentServer.start(
        new ServerContext(
            settings, material, guard(material), Map.of(), Clock.systemUTC(), listener),
        agent);
  }

  /** Creates core's client transport with this setup's material and signer. */
  ClientTransport client(ClientSettings settings, CallListener listener) {
    return client(clientMaterial(settings), signer(), settings, listener);
  }

  static ClientTransport client(
      ClientTlsMaterial material,
      @Nullable RequestSigner signer,
      ClientSettings settings,
      CallListener listener) {
    return new HttpTransportProvider()
        .createClient(
            new ClientContext(settings, material, signer, Map.of(), Clock.systemUTC(), listener));
  }
}
