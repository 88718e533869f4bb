package io.agenttransport.tck;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentChannel;
import io.agenttransport.api.CallListener;
import io.agenttransport.config.ClientSettings;
import io.agenttransport.security.signature.RequestSigner;
import io.agenttransport.security.tls.ClientTlsMaterial;
import io.agenttransport.spi.ClientContext;
import io.agenttransport.spi.ClientTransport;
import io.agenttransport.tck.pki.IssuedCertificate;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * How the TCK creates core's side. The defaults are a secure core: the shared client certificate,
 * trust in the shared CA only and core's signing key.
 */
public final class ClientSetup {
  private final Tck tck;
  private boolean tls = true;
  private IssuedCertificate certificate;
  private List<X509Certificate> trustedCas;
  private @Nullable PrivateKey signingKey;
  private String keyId = TckPki.SIGNING_KEY_ID;
  private Clock signingClock = Clock.systemUTC();
  private UnaryOperator<ClientSettings.Builder> settings = UnaryOperator.identity();

  ClientSetup(Tck tck) {
    this.tck = tck;
    this.certificate = tck.pki().core();
    this.trustedCas = tck.pki().trustedCas();
    this.signingKey = tck.pki().signingKey().getPrivate();
  }

  /** Uses no TLS material, for plain-text channels. */
  public ClientSetup plain() {
    this.tls = false;
    return this;
  }

  /** Presents {@code value} as core's client certificate. */
  public ClientSetup certificate(IssuedCertificate value) {
    this.certificate = Objects.requireNonNull(value, "value");
    return this;
  }

  /** Trusts only {@code cas} for agents' certificates. */
  public ClientSetup trustedCas(List<X509Certificate> cas) {
    this.trustedCas = List.copyOf(cas);
    return this;
  }

  /** Signs with {@code key} under {@code id}, or not at all when {@code key} is null. */
  public ClientSetup signingKey(String id, @Nullable PrivateKey key) {
    this.keyId = Objects.requireNonNull(id, "id");
    this.signingKey = key;
    return this;
  }

  /** Signs with {@code clock}, to produce signatures created in the past or the future. */
  public ClientSetup signingClock(Clock clock) {
    this.signingClock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** Changes the client settings that start from {@link TckSubject#clientSettings()}. */
  public ClientSetup settings(UnaryOperator<ClientSettings.Builder> change) {
    this.settings = Objects.requireNonNull(change, "change");
    return this;
  }

  /** Builds the client context. */
  public ClientContext context() {
    ClientSettings clientSettings =
        settings.apply(tck.subject().clientSettings().toBuilder()).build();
    ClientTlsMaterial material =
        tls
            ? ClientTlsMaterial.of(
                certificate.privateKey(), certificate.chain(), trustedCas, clientSettings)
            : null;
    RequestSigner signer =
        signingKey == null ? null : RequestSigner.create(keyId, signingKey, signingClock);
    return new ClientContext(
        clientSettings,
        material,
        signer,
        tck.subject().clientOptions(),
        Clock.systemUTC(),
        CallListener.NONE);
  }

  /** Creates the client transport; the TCK closes it after the rule. */
  public ClientTransport create() {
    return tck.track(tck.subject().provider().createClient(context()));
  }

  /** Creates a client transport and opens a channel to {@code address}. */
  public AgentChannel open(AgentAddress address) {
    return tck.track(create().open(address));
  }

  /** Creates a client transport and opens a channel to {@code agent}. */
  public AgentChannel open(RunningAgent agent) {
    return open(agent.address());
  }
}
