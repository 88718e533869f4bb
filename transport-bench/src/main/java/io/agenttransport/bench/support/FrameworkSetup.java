package io.agenttransport.bench.support;

import io.agenttransport.api.Agent;
import io.agenttransport.api.CallListener;
import io.agenttransport.config.ActionsMode;
import io.agenttransport.config.ClientSettings;
import io.agenttransport.config.ConnectionMode;
import io.agenttransport.config.PeerIdentity;
import io.agenttransport.config.ReplaySettings;
import io.agenttransport.config.ServerSettings;
import io.agenttransport.registry.TransportRegistry;
import io.agenttransport.security.RequestGuard;
import io.agenttransport.security.signature.RequestSigner;
import io.agenttransport.security.signature.SignatureAlgorithm;
import io.agenttransport.security.tls.ClientTlsMaterial;
import io.agenttransport.security.tls.ServerTlsMaterial;
import io.agenttransport.spi.AgentServer;
import io.agenttransport.spi.ClientContext;
import io.agenttransport.spi.ClientTransport;
import io.agenttransport.spi.ServerContext;
import io.agenttransport.spi.TransportProvider;
import java.security.KeyPair;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds the framework's side of a benchmark through the provider SPI, the way an embedding
 * application does: the provider found by {@link TransportRegistry}, TLS material from the
 * framework, a request signer for core and a request guard for each agent.
 *
 * <p>Core signs with an EC P-256 key unless the setup names another algorithm.
 */
public final class FrameworkSetup {
  /** The key id core signs with and agents trust. */
  public static final String KEY_ID = "bench-core";

  /**
   * The default replay window with room for a million nonces, because a benchmark signs more
   * requests per minute than the default cache of 100,000 holds, and a full cache rejects requests.
   */
  public static final ReplaySettings BENCH_REPLAY =
      new ReplaySettings(
          ReplaySettings.DEFAULTS.maxAge(),
          ReplaySettings.DEFAULTS.clockSkew(),
          ReplaySettings.DEFAULTS.maxValidity(),
          1_000_000);

  /** The calls per host the raw OkHttp baseline allows too. */
  public static final int LOOPBACK_MAX_REQUESTS_PER_HOST = 256;

  private static final String HTTP = "http";

  private final BenchPki pki;
  private final BenchPki.Identity core;
  private final KeyPair signingKeys;
  private final SignatureAlgorithm signingAlgorithm;
  private final TransportProvider provider;
  private final Clock clock = Clock.systemUTC();

  private FrameworkSetup(
      BenchPki pki, TransportProvider provider, SignatureAlgorithm signingAlgorithm) {
    this.pki = pki;
    this.core = pki.issueCore();
    this.signingKeys = BenchPki.newSigningKeyPair(signingAlgorithm);
    this.signingAlgorithm = signingAlgorithm;
    this.provider = provider;
  }

  /**
   * Selects the provider named {@code transport}, such as {@code http} or {@code grpc}; core signs
   * with {@code ecdsa-p256-sha256}.
   */
  public static FrameworkSetup create(BenchPki pki, String transport) {
    return create(pki, transport, SignatureAlgorithm.ECDSA_P256_SHA256);
  }

  /** Selects the provider named {@code transport}; core signs with {@code signingAlgorithm}. */
  public static FrameworkSetup create(
      BenchPki pki, String transport, SignatureAlgorithm signingAlgorithm) {
    return new FrameworkSetup(pki, TransportRegistry.load().select(transport), signingAlgorithm);
  }

  /** Returns the provider under test. */
  public TransportProvider provider() {
    return provider;
  }

  /** Returns core's TLS identity, so that a raw baseline can present the same certificate. */
  public BenchPki.Identity core() {
    return core;
  }

  /** Returns the settings of a pooled client that resumes TLS sessions. */
  public static ClientSettings pooledSettings() {
    return ClientSettings.builder().connectionMode(ConnectionMode.POOLED).build();
  }

  /** Creates core's client transport with {@code settings}, signing actions. */
  public ClientTransport client(ClientSettings settings) {
    return client(settings, CallListener.NONE);
  }

  /** Creates core's client transport with {@code settings} and {@code listener}. */
  public ClientTransport client(ClientSettings settings, CallListener listener) {
    ClientTlsMaterial tls =
        ClientTlsMaterial.of(core.key(), core.chain(), List.of(pki.caCertificate()), settings);
    RequestSigner signer = RequestSigner.create(KEY_ID, signingKeys.getPrivate(), clock);
    return provider.createClient(
        new ClientContext(settings, tls, signer, loopbackOptions(), clock, listener));
  }

  /**
   * Returns the provider options for many agents on one IP address. OkHttp limits concurrent calls
   * per host name, not per port, so the HTTP provider's default of 16 per host would cap a fan-out
   * to agents that all listen on 127.0.0.1.
   */
  private Map<String, String> loopbackOptions() {
    return HTTP.equals(provider.name())
        ? Map.of("max_requests_per_host", Integer.toString(LOOPBACK_MAX_REQUESTS_PER_HOST))
        : Map.of();
  }

  /**
   * Starts an agent server with its own certificate on a free port of 127.0.0.1, with actions
   * enabled and core's signing key trusted.
   */
  public AgentServer startAgent(String name, Agent agent) {
    ServerSettings settings = ServerSettings.builder().bindHost("127.0.0.1").port(0).build();
    BenchPki.Identity identity = pki.issueAgent(name, "127.0.0.1");
    ServerTlsMaterial tls =
        ServerTlsMaterial.of(
            identity.key(),
            identity.chain(),
            List.of(pki.caCertificate()),
            List.of(PeerIdentity.parse("URI:" + BenchPki.CORE_IDENTITY)),
            settings);
    RequestGuard guard = guard(tls);
    return provider.startServer(
        new ServerContext(settings, tls, guard, Map.of(), clock, CallListener.NONE), agent);
  }

  /** Returns a guard that trusts core's signing key and serves actions over {@code tls}. */
  public RequestGuard guard(@Nullable ServerTlsMaterial tls) {
    return RequestGuard.builder(clock)
        .actions(ActionsMode.ENABLED)
        .tls(tls)
        .replay(BENCH_REPLAY)
        .trustKey(KEY_ID, signingKeys.getPublic(), signingAlgorithm)
        .build();
  }
}
