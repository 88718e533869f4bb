package io.agenttransport.security.signature;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentOperation;
import io.agenttransport.api.RejectionReason;
import io.agenttransport.api.RequestRejectedException;
import io.agenttransport.config.ConfigException;
import io.agenttransport.config.CoreConfig;
import io.agenttransport.config.SigningConfig;
import io.agenttransport.security.OutboundRequest;
import io.agenttransport.security.tls.PemFiles;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.greenbytes.http.sfv.ByteSequenceItem;
import org.greenbytes.http.sfv.Dictionary;
import org.greenbytes.http.sfv.InnerList;
import org.greenbytes.http.sfv.Item;
import org.greenbytes.http.sfv.ListElement;
import org.greenbytes.http.sfv.Parameters;
import org.greenbytes.http.sfv.StringItem;
import org.jspecify.annotations.Nullable;

/**
 * Signs core's requests with RFC 9421 HTTP Message Signatures and an RFC 9530 {@code
 * Content-Digest}. Thread safe.
 *
 * <p>Each signature covers {@code @method}, {@code @authority}, {@code @path} and {@code @query},
 * plus {@code content-digest} and {@code content-type} when there is a body, and carries {@code
 * created}, {@code expires} ({@link #VALIDITY} later), a fresh 128-bit {@code nonce}, {@code keyid}
 * and {@code tag} = {@link #REQUEST_TAG}. It never carries {@code alg}, because each agent pins the
 * algorithm per key id.
 */
public final class RequestSigner {
  /** The {@code tag} of a request signature made by core. */
  public static final String REQUEST_TAG = "agent-transport/request";

  /**
   * The {@code tag} of a response signature made by an agent, distinct from {@link #REQUEST_TAG} so
   * that a response signature replayed as a request is rejected.
   */
  public static final String RESPONSE_TAG = "agent-transport/response";

  /** The label of the signature in the {@code Signature-Input} and {@code Signature} fields. */
  public static final String LABEL = "agent";

  /** How long after {@code created} a signature expires. */
  public static final Duration VALIDITY = Duration.ofSeconds(30);

  private static final int NONCE_BYTES = 16;
  private static final Base64.Encoder NONCE_ENCODING = Base64.getUrlEncoder().withoutPadding();

  private final String keyId;
  private final Signatures.SigningKey key;
  private final SignatureAlgorithm algorithm;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  private RequestSigner(
      String keyId, Signatures.SigningKey key, SignatureAlgorithm algorithm, Clock clock) {
    this.keyId = keyId;
    this.key = key;
    this.algorithm = algorithm;
    this.clock = clock;
  }

  /**
   * Creates a signer for core's key.
   *
   * @param keyId the key id agents know the key by
   * @param key core's private key; its type fixes the algorithm
   * @param clock the clock for {@code created} and {@code expires}
   * @throws IllegalArgumentException if the key is not an Ed25519, P-256 or RSA key
   */
  public static RequestSigner create(String keyId, PrivateKey key, Clock clock) {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(clock, "clock");
    if (keyId.isEmpty()) {
      throw new IllegalArgumentException("key id must not be empty");
    }
    SignatureAlgorithm algorithm = SignatureAlgorithm.forKey(key);
    try {
      return new RequestSigner(keyId, Signatures.signingKey(algorithm, key), algorithm, clock);
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException(
          "the " + algorithm.rfcName() + " signing key of key id '" + keyId + "' cannot be read",
          e);
    }
  }

  /**
   * Creates the signer that core's configuration names, or returns {@code null} when it has no
   * {@code signing} section. The key is {@code signing.key}, or else {@code tls.client_key}, with
   * its password.
   *
   * @throws io.agenttransport.config.ConfigException if the key cannot be read or has an
   *     unsupported type, or if neither {@code signing.key} nor {@code tls.client_key} is set
   */
  public static @Nullable RequestSigner fromConfig(CoreConfig config, Clock clock) {
    SigningConfig signing = config.signing();
    if (signing == null) {
      return null;
    }
    PrivateKey key = readSigningKey(config, signing);
    try {
      return create(signing.keyId(), key, clock);
    } catch (IllegalArgumentException e) {
      String setting = signing.key() != null ? "signing.key" : "tls.client_key";
      throw new ConfigException(setting, e.getMessage(), e);
    }
  }

  private static PrivateKey readSigningKey(CoreConfig config, SigningConfig signing) {
    Path path = signing.key();
    if (path != null) {
      return PemFiles.readPrivateKey(path, signing.keyPassword(), "signing.key");
    }
    if (config.tls() == null) {
      throw new ConfigException(
          "signing.key",
          "no signing key: set signing.key to a PEM private key, or configure tls.client_key");
    }
    Path clientCert = config.tls().clientCert();
    // The certificate can supply the curve of an EC key that omits it.
    List<X509Certificate> chain =
        clientCert == null ? List.of() : PemFiles.readCertificates(clientCert, "tls.client_cert");
    return PemFiles.readPrivateKey(
        config.tls().clientKey(), config.tls().keyPassword(), "tls.client_key", chain);
  }

  /**
   * Checks core's rule for sending {@code operation} to {@code agent}: action operations travel
   * only over TLS and only when core has a signing key.
   *
   * @param tls whether the channel to the agent uses TLS
   * @param signer core's signer, or {@code null} when core has no signing key
   * @throws RequestRejectedException with {@link RejectionReason#PLAINTEXT_ACTION} or {@link
   *     RejectionReason#SIGNING_KEY_MISSING}, naming the setting to add
   */
  public static void requireActionAllowed(
      AgentAddress agent, AgentOperation operation, boolean tls, @Nullable RequestSigner signer) {
    if (!operation.isActionOperation()) {
      return;
    }
    if (!tls) {
      throw new RequestRejectedException(
          RejectionReason.PLAINTEXT_ACTION,
          "action operations need TLS with a client certificate: set tls.ca_bundle and"
              + " tls.client_key in core's configuration and use a TLS address for the agent",
          agent,
          operation);
    }
    if (signer == null) {
      throw new RequestRejectedException(
          RejectionReason.SIGNING_KEY_MISSING,
          "action operations must be signed: set signing.key_id (and signing.key, or"
              + " tls.client_key) in core's configuration",
          agent,
          operation);
    }
  }

  /** Returns the key id. */
  public String keyId() {
    return keyId;
  }

  /** Returns the algorithm, which follows the key type. */
  public SignatureAlgorithm algorithm() {
    return algorithm;
  }

  /**
   * Returns the fields to add to the request, lower-case name to value, in the order they should be
   * sent: {@code content-digest} (when there is a body), {@code signature-input} and {@code
   * signature}.
   *
   * @throws IllegalStateException if the key fails to sign, which a key accepted by {@link #create}
   *     does not do
   */
  public Map<String, String> sign(OutboundRequest request) {
    Objects.requireNonNull(request, "request");
    boolean hasBody = request.body().length > 0;
    Map<String, String> values = new LinkedHashMap<>();
    values.put("@method", request.method());
    values.put("@authority", request.authority());
    values.put("@path", request.path());
    values.put("@query", request.query());
    Map<String, String> fields = new LinkedHashMap<>();
    if (hasBody) {
      String digest = ContentDigest.of(request.body());
      fields.put(ContentDigest.FIELD, digest);
      values.put(ContentDigest.FIELD, digest);
      values.put("content-type", Objects.requireNonNull(request.contentType(), "contentType"));
    }
    InnerList signatureParams = signatureParams(List.copyOf(values.keySet()));
    byte[] signature = signBase(SignatureBase.build(signatureParams, values));
    fields.put(SignatureVerifier.SIGNATURE_INPUT, labelled(signatureParams));
    fields.put(SignatureVerifier.SIGNATURE, labelled(ByteSequenceItem.valueOf(signature)));
    return fields;
  }

  private InnerList signatureParams(List<String> components) {
    long created = clock.instant().getEpochSecond();
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("created", created);
    params.put("expires", created + VALIDITY.toSeconds());
    params.put("nonce", newNonce());
    params.put("keyid", keyId);
    params.put("tag", REQUEST_TAG);
    List<Item<?>> items = new ArrayList<>();
    for (String component : components) {
      items.add(StringItem.valueOf(component));
    }
    return InnerList.valueOf(items).withParams(Parameters.valueOf(params));
  }

  private String newNonce() {
    byte[] bytes = new byte[NONCE_BYTES];
    random.nextBytes(bytes);
    return NONCE_ENCODING.encodeToString(bytes);
  }

  private byte[] signBase(byte[] base) {
    try {
      return key.sign(base);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          algorithm.rfcName() + " signing failed with key id '" + keyId + "'", e);
    }
  }

  private static String labelled(ListElement<?> value) {
    Map<String, ListElement<?>> members = new LinkedHashMap<>();
    members.put(LABEL, value);
    return Dictionary.valueOf(members).serialize();
  }

  /** Returns the key id and algorithm; the key itself is left out. */
  @Override
  public String toString() {
    return "RequestSigner[keyId=" + keyId + ", algorithm=" + algorithm.rfcName() + "]";
  }
}
