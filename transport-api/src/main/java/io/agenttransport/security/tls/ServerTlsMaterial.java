package io.agenttransport.security.tls;

import io.agenttransport.config.AgentTlsConfig;
import io.agenttransport.config.ConfigException;
import io.agenttransport.config.PeerIdentity;
import io.agenttransport.config.ServerSettings;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent's TLS material: its key and chain, and, when client authentication is configured, a
 * trust manager that accepts only core's pinned identity from the client CA bundle.
 *
 * <p>Loading this class sets the system property {@code jdk.tls.rejectClientInitiatedRenegotiation}
 * to {@code true} unless it is already set, so that the JDK rejects client-initiated renegotiation
 * on TLS 1.2 (TLS 1.3 has no renegotiation).
 */
public final class ServerTlsMaterial {
  private static final Logger LOG = LoggerFactory.getLogger(ServerTlsMaterial.class);

  private static final String RENEGOTIATION_PROPERTY = "jdk.tls.rejectClientInitiatedRenegotiation";
  private static final String CERT_KEY = "tls.cert";
  private static final String KEY_KEY = "tls.key";
  private static final String CLIENT_CA_BUNDLE_KEY = "tls.client_ca_bundle";
  private static final String CORE_IDENTITY_KEY = "tls.core_identity";

  static {
    // NOTE: the JDK 17 reads this property once, when the first server-side handshake in the JVM
    // starts, so it has no effect if a server handshake ran before this class was loaded.
    if (System.getProperty(RENEGOTIATION_PROPERTY) == null) {
      System.setProperty(RENEGOTIATION_PROPERTY, "true");
    }
  }

  private final KeyMaterial keyMaterial;
  private final @Nullable CoreTrustManager trustManager;
  private final List<PeerIdentity> coreIdentities;
  private final TlsPolicy policy;
  private final SSLContext sslContext;

  private ServerTlsMaterial(
      KeyMaterial keyMaterial,
      @Nullable List<X509Certificate> clientCas,
      List<PeerIdentity> coreIdentities,
      ServerSettings settings) {
    this.keyMaterial = keyMaterial;
    this.coreIdentities = List.copyOf(coreIdentities);
    this.trustManager =
        clientCas == null
            ? null
            : new CoreTrustManager(TrustAnchors.pkixTrustManager(clientCas), this.coreIdentities);
    this.policy = TlsPolicy.of(settings.tlsVersions());
    this.sslContext =
        ConfiguredSslContext.create(
            keyMaterial.keyManager(), trustManager, policy, trustManager != null, true);
  }

  /**
   * Loads the material named by an agent's {@code tls} section.
   *
   * @throws ConfigException naming the key and file if a file is missing or invalid, the key does
   *     not match the first certificate, that certificate is not valid now, a client CA bundle is
   *     set without a core identity, or the TLS versions are unsupported
   */
  public static ServerTlsMaterial load(AgentTlsConfig config, ServerSettings settings) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(settings, "settings");
    Path clientCaBundle = config.clientCaBundle();
    if (clientCaBundle != null) {
      requireCoreIdentity(config.coreIdentities());
    }
    KeyMaterial keyMaterial =
        KeyMaterial.load(config.key(), config.cert(), config.keyPassword(), KEY_KEY, CERT_KEY);
    List<X509Certificate> clientCas =
        clientCaBundle == null
            ? null
            : PemFiles.readCertificates(clientCaBundle, CLIENT_CA_BUNDLE_KEY);
    ServerTlsMaterial material =
        new ServerTlsMaterial(keyMaterial, clientCas, config.coreIdentities(), settings);
    LOG.info("Loaded the agent's TLS material: {}", material);
    return material;
  }

  /**
   * Creates the material from keys and certificates already in memory, for tests and embedding.
   *
   * @param key the agent's private key
   * @param chain the agent's certificate chain, leaf first
   * @param clientCas the CAs that signed core's certificate, or {@code null} for no client auth
   * @param coreIdentities the identities accepted as core when {@code clientCas} is set
   * @throws ConfigException if the key does not match the first certificate, that certificate is
   *     not valid now, client CAs are given without a core identity or are an empty list, or the
   *     TLS versions are unsupported
   */
  public static ServerTlsMaterial of(
      PrivateKey key,
      List<X509Certificate> chain,
      @Nullable List<X509Certificate> clientCas,
      List<PeerIdentity> coreIdentities,
      ServerSettings settings) {
    Objects.requireNonNull(settings, "settings");
    if (clientCas != null) {
      requireCoreIdentity(coreIdentities);
      if (clientCas.isEmpty()) {
        throw new ConfigException(
            CLIENT_CA_BUNDLE_KEY, "no CA certificate given; add at least one");
      }
    }
    KeyMaterial keyMaterial = KeyMaterial.of(key, chain, CERT_KEY, "the agent's certificate");
    return new ServerTlsMaterial(
        keyMaterial, clientCas == null ? null : List.copyOf(clientCas), coreIdentities, settings);
  }

  private static void requireCoreIdentity(List<PeerIdentity> coreIdentities) {
    if (coreIdentities.isEmpty()) {
      throw new ConfigException(
          CORE_IDENTITY_KEY,
          "missing, but required with "
              + CLIENT_CA_BUNDLE_KEY
              + ", because agents' and core's certificates come from the same CA;"
              + " set it to core's identity, such as URI:spiffe://example/core, DNS:core.example"
              + " or CN:core");
    }
  }

  /** Returns the agent's certificate chain, leaf first. */
  public List<X509Certificate> certificateChain() {
    return keyMaterial.chain();
  }

  /**
   * Returns an SSL context using {@link #keyManager()} and {@link #trustManager()}. Its engines,
   * sockets and server sockets start with {@link #protocols()} and {@link #cipherSuites()} enabled
   * and, when {@link #clientAuthRequired()}, with client authentication required.
   */
  public SSLContext sslContext() {
    return sslContext;
  }

  /** Returns the key manager that presents the agent's certificate. */
  public X509ExtendedKeyManager keyManager() {
    return keyMaterial.keyManager();
  }

  /** Returns the trust manager for client certificates, or {@code null} without client auth. */
  public @Nullable X509ExtendedTrustManager trustManager() {
    return trustManager;
  }

  /** Returns whether clients must present a certificate (need, not want). */
  public boolean clientAuthRequired() {
    return trustManager != null;
  }

  /** Returns the TLS protocol versions to enable. */
  public List<String> protocols() {
    return policy.protocols();
  }

  /** Returns the cipher suites to enable. */
  public List<String> cipherSuites() {
    return policy.cipherSuites();
  }

  /** Returns the subject, client authentication and protocols, never key material. */
  @Override
  public String toString() {
    return "ServerTlsMaterial[certificate="
        + keyMaterial.chain().get(0).getSubjectX500Principal().getName()
        + ", clientAuthRequired="
        + clientAuthRequired()
        + ", coreIdentities="
        + coreIdentities
        + ", protocols="
        + policy.protocols()
        + "]";
  }
}
