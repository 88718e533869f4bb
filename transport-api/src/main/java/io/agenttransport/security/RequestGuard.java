package io.agenttransport.security;

import io.agenttransport.api.AgentOperation;
import io.agenttransport.api.RejectionReason;
import io.agenttransport.api.RequestRejectedException;
import io.agenttransport.config.ActionsMode;
import io.agenttransport.config.AgentConfig;
import io.agenttransport.config.ConfigException;
import io.agenttransport.config.ReplaySettings;
import io.agenttransport.config.TrustedKeyConfig;
import io.agenttransport.security.signature.NonceCache;
import io.agenttransport.security.signature.SignatureAlgorithm;
import io.agenttransport.security.signature.SignatureVerifier;
import io.agenttransport.security.signature.TrustedKey;
import io.agenttransport.security.signature.VerifiedSignature;
import io.agenttransport.security.tls.PemFiles;
import io.agenttransport.security.tls.ServerTlsMaterial;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent side of the security policy. Providers pass every request through {@link #check} before
 * the agent receives it, and the guard verifies the action policy, signatures and replay.
 *
 * <p>Thread safe. One guard belongs to one running agent: its nonce cache and start time are that
 * agent's.
 */
public final class RequestGuard {
  private static final Logger logger = LoggerFactory.getLogger(RequestGuard.class);

  private final Clock clock;
  private final ActionPolicy actionPolicy;
  private final SignatureVerifier verifier;
  private final NonceCache nonces;
  private final ReplaySettings replay;
  private final boolean requireAllSigned;
  private final Audience audience;
  private final long startSecond;

  private RequestGuard(Builder builder, ActionPolicy actionPolicy, SignatureVerifier verifier) {
    this.clock = builder.clock;
    this.actionPolicy = actionPolicy;
    this.verifier = verifier;
    this.nonces = new NonceCache(builder.replay.nonceCacheSize());
    this.replay = builder.replay;
    this.requireAllSigned = builder.requireAllSigned;
    this.audience = Audience.of(builder.authorities, builder.certificate);
    this.startSecond = clock.instant().getEpochSecond();
  }

  /**
   * Creates the guard of an agent from its configuration.
   *
   * @throws io.agenttransport.config.ConfigException if actions are enabled without TLS with client
   *     authentication or without trusted keys, or a trusted key cannot be read or does not fit its
   *     pinned algorithm
   */
  public static RequestGuard forAgent(
      AgentConfig config, @Nullable ServerTlsMaterial tls, Clock clock) {
    Objects.requireNonNull(config, "config");
    Builder builder =
        builder(clock)
            .actions(config.actions())
            .tls(tls)
            .replay(config.signature().replay())
            .requireAllSigned(config.signature().requireAllSigned())
            .authorities(config.signature().authorities());
    List<TrustedKeyConfig> trustedKeys = config.signature().trustedKeys();
    for (int i = 0; i < trustedKeys.size(); i++) {
      TrustedKeyConfig entry = trustedKeys.get(i);
      String setting = "signature.trusted_keys[" + i + "]";
      PublicKey key = PemFiles.readPublicKey(entry.path(), setting);
      builder.trustKey(entry.keyId(), key, pinnedAlgorithm(entry, key, setting));
    }
    return builder.build();
  }

  private static SignatureAlgorithm pinnedAlgorithm(
      TrustedKeyConfig entry, PublicKey key, String setting) {
    SignatureAlgorithm fromKey;
    try {
      fromKey = SignatureAlgorithm.forKey(key);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(setting, e.getMessage() + " (key id '" + entry.keyId() + "')", e);
    }
    String configured = entry.algorithm();
    if (configured == null) {
      return fromKey;
    }
    SignatureAlgorithm pinned =
        SignatureAlgorithm.fromRfcName(configured)
            .orElseThrow(
                () ->
                    new ConfigException(
                        setting + ".algorithm",
                        "unsupported algorithm '"
                            + configured
                            + "': expected ed25519, ecdsa-p256-sha256 or rsa-pss-sha512"));
    if (pinned != fromKey) {
      throw new ConfigException(
          setting + ".algorithm",
          "algorithm '"
              + configured
              + "' does not fit the "
              + key.getAlgorithm()
              + " key of key id '"
              + entry.keyId()
              + "': use "
              + fromKey.rfcName()
              + " or remove the setting");
    }
    return pinned;
  }

  /** Returns a builder for a guard assembled in memory, for tests and embedding. */
  public static Builder builder(Clock clock) {
    return new Builder(Objects.requireNonNull(clock, "clock"));
  }

  /** A builder of {@link RequestGuard}. */
  public static final class Builder {
    private final Clock clock;
    private ActionsMode actions = ActionsMode.AUTO;
    private boolean tlsConfigured;
    private boolean clientAuthRequired;
    private @Nullable X509Certificate certificate;
    private final List<TrustedKey> trustedKeys = new ArrayList<>();
    private ReplaySettings replay = ReplaySettings.DEFAULTS;
    private boolean requireAllSigned;
    private List<String> authorities = List.of();

    private Builder(Clock clock) {
      this.clock = clock;
    }

    /** Sets whether actions are served; default {@link ActionsMode#AUTO}. */
    public Builder actions(ActionsMode mode) {
      this.actions = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** Sets the agent's TLS material, or {@code null} for plain text; default {@code null}. */
    public Builder tls(@Nullable ServerTlsMaterial tls) {
      if (tls == null) {
        return serverTls(false, false, null);
      }
      List<X509Certificate> chain = tls.certificateChain();
      return serverTls(true, tls.clientAuthRequired(), chain.isEmpty() ? null : chain.get(0));
    }

    /**
     * Sets what the guard needs to know of the agent's TLS setup. Tests in this package use it to
     * assemble a guard without building TLS material.
     */
    Builder serverTls(
        boolean configured, boolean clientAuth, @Nullable X509Certificate leafCertificate) {
      this.tlsConfigured = configured;
      this.clientAuthRequired = configured && clientAuth;
      this.certificate = leafCertificate;
      return this;
    }

    /**
     * Trusts core's key {@code keyId}, pinning {@code algorithm} for it.
     *
     * @throws IllegalArgumentException if the key type does not fit the algorithm
     */
    public Builder trustKey(String keyId, PublicKey key, SignatureAlgorithm algorithm) {
      trustedKeys.add(new TrustedKey(keyId, key, algorithm));
      return this;
    }

    /** Sets the replay window and nonce cache; default {@link ReplaySettings#DEFAULTS}. */
    public Builder replay(ReplaySettings replay) {
      this.replay = Objects.requireNonNull(replay, "replay");
      return this;
    }

    /** Sets whether read requests must be signed too; default false. */
    public Builder requireAllSigned(boolean value) {
      this.requireAllSigned = value;
      return this;
    }

    /**
     * Sets the {@code host:port} values requests may be signed for. The default, an empty list,
     * accepts the DNS and IP names of the agent's certificate and the IP address a request arrived
     * on, with the port it arrived on.
     */
    public Builder authorities(List<String> authorities) {
      this.authorities = List.copyOf(authorities);
      return this;
    }

    /**
     * Returns the guard. Its start time, before which no signature is accepted, is now.
     *
     * @throws io.agenttransport.config.ConfigException if actions are enabled without TLS with
     *     client authentication or without trusted keys, or a key id is trusted twice
     */
    public RequestGuard build() {
      SignatureVerifier verifier;
      try {
        verifier = new SignatureVerifier(trustedKeys);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("signature.trusted_keys", e.getMessage(), e);
      }
      ActionPolicy policy =
          ActionPolicy.decide(actions, tlsConfigured, clientAuthRequired, verifier.hasKeys());
      return new RequestGuard(this, policy, verifier);
    }
  }

  /** Returns whether the action operations are served. */
  public boolean actionsEnabled() {
    return actionPolicy.enabled();
  }

  /** Returns why actions are enabled or disabled, in one sentence for the start-up log. */
  public String actionsReason() {
    return actionPolicy.reason();
  }

  /**
   * Checks one request against the policy: the action policy, then the signature (required for
   * state-changing operations, and for all when {@code require_all_signed} is set, and verified
   * whenever present), its audience, its time window and finally its nonce. Each rejection is
   * logged at warn without the signature.
   *
   * @throws RequestRejectedException with the reason if the request must not reach the agent
   */
  public void check(InboundRequest request) {
    Objects.requireNonNull(request, "request");
    try {
      checkActionPolicy(request);
      Optional<VerifiedSignature> signature = verifier.verify(request);
      if (signature.isEmpty()) {
        requireUnsignedAllowed(request);
        return;
      }
      checkAudience(request, signature.get());
      checkWindow(request, signature.get());
      recordNonce(request, signature.get());
    } catch (RequestRejectedException e) {
      logger.warn(
          "Rejected {} from {} (claimed key id {}): {}",
          request.operation(),
          peer(request),
          SignatureVerifier.claimedKeyId(request).orElse("none"),
          e.getMessage());
      throw e;
    }
  }

  private void checkActionPolicy(InboundRequest request) {
    if (!request.operation().isActionOperation()) {
      return;
    }
    if (!request.clientAuthenticated()) {
      throw reject(
          request,
          RejectionReason.PLAINTEXT_ACTION,
          "action operations need TLS with a verified client certificate");
    }
    if (!actionPolicy.enabled()) {
      throw reject(request, RejectionReason.ACTIONS_DISABLED, actionPolicy.reason());
    }
  }

  private void requireUnsignedAllowed(InboundRequest request) {
    AgentOperation operation = request.operation();
    if (operation.isStateChanging() || requireAllSigned) {
      throw reject(
          request,
          RejectionReason.SIGNATURE_MISSING,
          operation.isStateChanging()
              ? "state-changing operations must be signed"
              : "this agent requires every request to be signed (require_all_signed)");
    }
  }

  private void checkAudience(InboundRequest request, VerifiedSignature signature) {
    if (!audience.accepts(signature.authority(), request.localAddress(), request.tls())) {
      throw reject(
          request,
          RejectionReason.WRONG_AUDIENCE,
          "the signature is for @authority '"
              + signature.authority()
              + "', which is not an authority of this agent");
    }
  }

  private void checkWindow(InboundRequest request, VerifiedSignature signature) {
    long now = clock.instant().getEpochSecond();
    long created = signature.created();
    long expires = signature.expires();
    if (created < now - replay.maxAge().toSeconds()) {
      throw reject(
          request,
          RejectionReason.SIGNATURE_TOO_OLD,
          "created=" + created + " is older than the maximum age of " + replay.maxAge());
    }
    if (created > now + replay.clockSkew().toSeconds()) {
      throw reject(
          request,
          RejectionReason.CREATED_IN_FUTURE,
          "created=" + created + " is more than " + replay.clockSkew() + " in the future");
    }
    if (expires < now) {
      throw reject(
          request,
          RejectionReason.SIGNATURE_EXPIRED,
          "expires=" + expires + " has passed (now " + now + ")");
    }
    if (expires < created || expires - created > replay.maxValidity().toSeconds()) {
      throw reject(
          request,
          RejectionReason.SIGNATURE_EXPIRED,
          "expires - created = "
              + (expires - created)
              + " s is outside 0 to "
              + replay.maxValidity().toSeconds()
              + " s");
    }
    if (created < startSecond) {
      throw reject(
          request,
          RejectionReason.SIGNATURE_TOO_OLD,
          "created=" + created + " is before this agent started (" + startSecond + ")");
    }
  }

  private void recordNonce(InboundRequest request, VerifiedSignature signature) {
    long now = clock.instant().getEpochSecond();
    switch (nonces.record(signature.keyId(), signature.nonce(), signature.expires(), now)) {
      case ACCEPTED:
        return;
      case REPLAYED:
        throw reject(
            request,
            RejectionReason.REPLAYED_NONCE,
            "the nonce was already used with key id '" + signature.keyId() + "'");
      case FULL:
        throw reject(
            request,
            RejectionReason.NONCE_CACHE_FULL,
            "the nonce cache holds "
                + replay.nonceCacheSize()
                + " unexpired nonces; retry later or raise signature.nonce_cache_size");
      default:
        throw new IllegalStateException("unhandled nonce outcome");
    }
  }

  private static String peer(InboundRequest request) {
    if (request.peerCertificates().isEmpty()) {
      return "a client without a certificate";
    }
    return request.peerCertificates().get(0).getSubjectX500Principal().getName();
  }

  private static RequestRejectedException reject(
      InboundRequest request, RejectionReason reason, String message) {
    return new RequestRejectedException(reason, message, null, request.operation());
  }
}
