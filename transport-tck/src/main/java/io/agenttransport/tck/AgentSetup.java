package io.agenttransport.tck;

import io.agenttransport.agent.ReferenceAgent;
import io.agenttransport.api.Agent;
import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.CallListener;
import io.agenttransport.config.ActionsMode;
import io.agenttransport.config.PeerIdentity;
import io.agenttransport.config.ReplaySettings;
import io.agenttransport.config.ServerSettings;
import io.agenttransport.security.RequestGuard;
import io.agenttransport.security.tls.ServerTlsMaterial;
import io.agenttransport.spi.AgentServer;
import io.agenttransport.spi.ServerContext;
import io.agenttransport.tck.pki.IssuedCertificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * How the TCK starts one agent server. The defaults are a secure agent: TLS with the shared agent
 * certificate, client certificates required from the shared CA, core's identity pinned, actions
 * enabled and core's signing key trusted.
 */
public final class AgentSetup {
  private final Tck tck;
  private boolean tls = true;
  private IssuedCertificate certificate;
  private @Nullable List<X509Certificate> clientCas;
  private List<PeerIdentity> coreIdentities;
  private ActionsMode actions = ActionsMode.AUTO;
  private ReplaySettings replay = ReplaySettings.DEFAULTS;
  private @Nullable List<String> authorities;
  private UnaryOperator<ServerSettings.Builder> settings = UnaryOperator.identity();
  private @Nullable Agent agent;

  AgentSetup(Tck tck) {
    this.tck = tck;
    TckPki pki = tck.pki();
    this.certificate = pki.agent();
    this.clientCas = pki.trustedCas();
    this.coreIdentities = pki.coreIdentities();
  }

  /** Serves plain text: no TLS material, so no actions. */
  public AgentSetup plain() {
    this.tls = false;
    this.clientCas = null;
    return this;
  }

  /** Presents {@code value} as the agent's certificate. */
  public AgentSetup certificate(IssuedCertificate value) {
    this.certificate = Objects.requireNonNull(value, "value");
    return this;
  }

  /** Accepts client certificates from {@code cas}, or none when {@code null}. */
  public AgentSetup clientCas(@Nullable List<X509Certificate> cas) {
    this.clientCas = cas == null ? null : List.copyOf(cas);
    return this;
  }

  /** Sets the actions mode; default {@link ActionsMode#AUTO}. */
  public AgentSetup actions(ActionsMode mode) {
    this.actions = Objects.requireNonNull(mode, "mode");
    return this;
  }

  /** Sets the replay window and nonce cache. */
  public AgentSetup replay(ReplaySettings value) {
    this.replay = Objects.requireNonNull(value, "value");
    return this;
  }

  /** Sets the {@code host:port} values requests may be signed for. */
  public AgentSetup authorities(List<String> values) {
    this.authorities = List.copyOf(values);
    return this;
  }

  /** Changes the server settings that start from {@link TckSubject#serverSettings()}. */
  public AgentSetup settings(UnaryOperator<ServerSettings.Builder> change) {
    this.settings = Objects.requireNonNull(change, "change");
    return this;
  }

  /** Serves {@code value} instead of a new reference agent. */
  public AgentSetup agent(Agent value) {
    this.agent = Objects.requireNonNull(value, "value");
    return this;
  }

  /** Returns the server settings this setup starts with. */
  public ServerSettings serverSettings() {
    return settings.apply(tck.subject().serverSettings().toBuilder()).build();
  }

  /** Builds the server context: TLS material, guard and options. */
  public ServerContext context() {
    ServerSettings serverSettings = serverSettings();
    ServerTlsMaterial material = tls ? serverTls(serverSettings) : null;
    Clock clock = Clock.systemUTC();
    RequestGuard.Builder guard =
        RequestGuard.builder(clock)
            .actions(actions)
            .tls(material)
            .trustKey(
                TckPki.SIGNING_KEY_ID,
                tck.pki().signingKey().getPublic(),
                tck.pki().signingAlgorithm())
            .replay(replay);
    if (authorities != null) {
      guard.authorities(authorities);
    }
    return new ServerContext(
        serverSettings,
        material,
        guard.build(),
        tck.subject().serverOptions(),
        clock,
        CallListener.NONE);
  }

  private ServerTlsMaterial serverTls(ServerSettings serverSettings) {
    return ServerTlsMaterial.of(
        certificate.privateKey(), certificate.chain(), clientCas, coreIdentities, serverSettings);
  }

  /** Starts the server; the TCK closes it and the agent after the rule. */
  public RunningAgent start() {
    ServerContext context = context();
    ReferenceAgent reference = null;
    Agent served = agent;
    if (served == null) {
      reference = tck.track(ReferenceAgent.create("tck-agent"));
      served = reference;
    } else if (served instanceof ReferenceAgent given) {
      reference = given;
    }
    AgentServer server = tck.track(tck.subject().provider().startServer(context, served));
    AgentAddress bound = server.boundAddress();
    String scheme = tls ? tck.subject().secureScheme() : tck.plainSchemeOrSkip();
    AgentAddress address = new AgentAddress(scheme, bound.host(), bound.port());
    return new RunningAgent(server, served, reference, address);
  }
}
