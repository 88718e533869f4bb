package io.agenttransport.grpc.testing;

import io.agenttransport.api.Agent;
import io.agenttransport.api.AgentChannel;
import io.agenttransport.api.CallEvent;
import io.agenttransport.config.ClientSettings;
import io.agenttransport.config.PeerIdentity;
import io.agenttransport.config.ServerSettings;
import io.agenttransport.grpc.GrpcTransportProvider;
import io.agenttransport.security.RequestGuard;
import io.agenttransport.security.signature.RequestSigner;
import io.agenttransport.security.signature.SignatureAlgorithm;
import io.agenttransport.security.tls.ClientTlsMaterial;
import io.agenttransport.security.tls.ServerTlsMaterial;
import io.agenttransport.spi.AgentServer;
import io.agenttransport.spi.ClientContext;
import io.agenttransport.spi.ClientTransport;
import io.agenttransport.spi.ServerContext;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * An agent served by the gRPC provider on 127.0.0.1 and a core-side transport to it, built from the
 * framework's real TLS material, guard and signer with a {@link TestPki} made for the run.
 */
public final class GrpcTestBed implements AutoCloseable {
  /** The key id core signs with. */
  public static final String KEY_ID = "core-test-key";

  private static final TestPki PKI = TestPki.create();
  private static final KeyPair SIGNING_KEYS = ed25519();

  private final AgentServer server;
  private final ClientTransport client;
  private final List<CallEvent> clientEvents;
  private final List<CallEvent> serverEvents;

  private GrpcTestBed(
      AgentServer server,
      ClientTransport client,
      List<CallEvent> clientEvents,
      List<CallEvent> serverEvents) {
    this.server = server;
    this.client = client;
    this.clientEvents = clientEvents;
    this.serverEvents = serverEvents;
  }

  /** Starts {@code agent} over mutual TLS with actions enabled and a signing core. */
  public static GrpcTestBed mutualTls(Agent agent) {
    return mutualTls(agent, ClientSettings.DEFAULTS, true);
  }

  /** Starts {@code agent} over mutual TLS; core signs only when {@code signing} is set. */
  public static GrpcTestBed mutualTls(Agent agent, ClientSettings settings, boolean signing) {
    ServerTlsMaterial serverTls = serverTls();
    RequestGuard guard = guard(serverTls);
    return start(agent, serverTls, guard, clientTls(settings), settings, signing ? signer() : null);
  }

  /** Starts {@code agent} in plain text, where actions are off, and a core without TLS. */
  public static GrpcTestBed plaintext(Agent agent) {
    RequestGuard guard = RequestGuard.builder(Clock.systemUTC()).tls(null).build();
    return start(agent, null, guard, null, ClientSettings.DEFAULTS, signer());
  }

  private static GrpcTestBed start(
      Agent agent,
      @Nullable ServerTlsMaterial serverTls,
      RequestGuard guard,
      @Nullable ClientTlsMaterial clientTls,
      ClientSettings settings,
      @Nullable RequestSigner signer) {
    GrpcTransportProvider provider = new GrpcTransportProvider();
    List<CallEvent> serverEvents = new CopyOnWriteArrayList<>();
    List<CallEvent> clientEvents = new CopyOnWriteArrayList<>();
    ServerContext serverContext =
        new ServerContext(
            ServerSettings.DEFAULTS,
            serverTls,
            guard,
            Map.of(),
            Clock.systemUTC(),
            serverEvents::add);
    AgentServer server = provider.startServer(serverContext, agent);
    ClientContext clientContext =
        new ClientContext(
            settings, clientTls, signer, Map.of(), Clock.systemUTC(), clientEvents::add);
    return new GrpcTestBed(
        server, provider.createClient(clientContext), clientEvents, serverEvents);
  }

  /** Returns the shared test PKI. */
  public static TestPki pki() {
    return PKI;
  }

  /** Returns the agent's TLS material, requiring core's certificate. */
  public static ServerTlsMaterial serverTls() {
    return ServerTlsMaterial.of(
        PKI.agent().key(),
        List.of(PKI.agent().certificate()),
        PKI.caCertificates(),
        List.of(new PeerIdentity(PeerIdentity.Type.URI, TestPki.CORE_URI)),
        ServerSettings.DEFAULTS);
  }

  /** Returns core's TLS material. */
  public static ClientTlsMaterial clientTls(ClientSettings settings) {
    return ClientTlsMaterial.of(
        PKI.core().key(), List.of(PKI.core().certificate()), PKI.caCertificates(), settings);
  }

  /** Returns a guard that trusts core's signing key and enables actions. */
  public static RequestGuard guard(ServerTlsMaterial tls) {
    return RequestGuard.builder(Clock.systemUTC())
        .tls(tls)
        .trustKey(KEY_ID, SIGNING_KEYS.getPublic(), SignatureAlgorithm.ED25519)
        .build();
  }

  /** Returns core's request signer. */
  public static RequestSigner signer() {
    return RequestSigner.create(KEY_ID, SIGNING_KEYS.getPrivate(), Clock.systemUTC());
  }

  /** Returns the running agent server. */
  public AgentServer server() {
    return server;
  }

  /** Opens a channel to the agent. */
  public AgentChannel open() {
    return client.open(server.boundAddress());
  }

  /** Returns the core-side transport. */
  public ClientTransport client() {
    return client;
  }

  /** Returns the events core's listener received. */
  public List<CallEvent> clientEvents() {
    return List.copyOf(clientEvents);
  }

  /** Returns the events the agent's listener received. */
  public List<CallEvent> serverEvents() {
    return List.copyOf(serverEvents);
  }

  @Override
  public void close() {
    client.close();
    server.close();
  }

  private static KeyPair ed25519() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is not available in this JDK", e);
    }
  }
}
