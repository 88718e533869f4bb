package io.agenttransport.security.tls;

import io.agenttransport.config.ClientSettings;
import io.agenttransport.config.ConfigException;
import io.agenttransport.config.CoreTlsConfig;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Core's TLS material: its key and chain, and a trust manager that trusts only the configured CA
 * bundle and checks each agent's certificate against the address core connects to.
 *
 * <p>The trust manager checks, inside the handshake: PKIX path validation against the CA bundle
 * only, validity dates, a DNS or IP subject alternative name matching the peer host of the engine
 * or socket (never the subject CN), an extended key usage allowing serverAuth and a key usage
 * allowing digitalSignature (or keyEncipherment for RSA). A check without a connection, and so
 * without a peer host, always fails.
 */
public final class ClientTlsMaterial {
  private static final Logger LOG = LoggerFactory.getLogger(ClientTlsMaterial.class);

  private static final String CA_BUNDLE_KEY = "tls.ca_bundle";
  private static final String CLIENT_KEY_KEY = "tls.client_key";
  private static final String CLIENT_CERT_KEY = "tls.client_cert";

  private final KeyMaterial keyMaterial;
  private final AgentTrustManager trustManager;
  private final TlsPolicy policy;
  private final boolean sessionResumption;
  private final SSLContext sslContext;

  private ClientTlsMaterial(
      KeyMaterial keyMaterial, List<X509Certificate> trustedCas, ClientSettings settings) {
    this.keyMaterial = keyMaterial;
    this.trustManager = new AgentTrustManager(TrustAnchors.pkixTrustManager(trustedCas));
    this.policy = TlsPolicy.of(settings.tlsVersions());
    this.sessionResumption = settings.sessionResumption();
    this.sslContext =
        ConfiguredSslContext.create(
            keyMaterial.keyManager(), trustManager, policy, false, sessionResumption);
  }

  /**
   * Loads the material named by core's {@code tls} section.
   *
   * @throws ConfigException naming the key and file if a file is missing or invalid, the key does
   *     not match the first certificate, that certificate is not valid now, or the TLS versions are
   *     unsupported
   */
  public static ClientTlsMaterial load(CoreTlsConfig config, ClientSettings settings) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(settings, "settings");
    List<X509Certificate> cas = PemFiles.readCertificates(config.caBundle(), CA_BUNDLE_KEY);
    KeyMaterial keyMaterial =
        KeyMaterial.load(
            config.clientKey(),
            config.clientCert(),
            config.keyPassword(),
            CLIENT_KEY_KEY,
            CLIENT_CERT_KEY);
    ClientTlsMaterial material = new ClientTlsMaterial(keyMaterial, cas, settings);
    LOG.info(
        "Loaded core's TLS material: certificate '{}', {} trusted CA(s) from {}",
        material.keyMaterial.chain().get(0).getSubjectX500Principal().getName(),
        cas.size(),
        config.caBundle());
    return material;
  }

  /**
   * Creates the material from keys and certificates already in memory, for tests and embedding.
   *
   * @param key core's private key
   * @param chain core's certificate chain, leaf first
   * @param trustedCas the CAs that signed agents' certificates; nothing else is trusted
   * @throws ConfigException if the key does not match the first certificate, that certificate is
   *     not valid now, the CA list is empty, or the TLS versions are unsupported
   */
  public static ClientTlsMaterial of(
      PrivateKey key,
      List<X509Certificate> chain,
      List<X509Certificate> trustedCas,
      ClientSettings settings) {
    Objects.requireNonNull(settings, "settings");
    if (trustedCas.isEmpty()) {
      throw new ConfigException(CA_BUNDLE_KEY, "no CA certificate given; add at least one");
    }
    KeyMaterial keyMaterial = KeyMaterial.of(key, chain, CLIENT_CERT_KEY, "core's certificate");
    return new ClientTlsMaterial(keyMaterial, List.copyOf(trustedCas), settings);
  }

  /**
   * Returns an SSL context using {@link #keyManager()} and {@link #trustManager()}. Its engines and
   * sockets start with {@link #protocols()} and {@link #cipherSuites()} enabled. Create them with
   * the agent's host name or IP address, because the trust manager checks the certificate against
   * that peer host. Without session resumption, each engine and socket comes from a new JDK context
   * with an empty session cache, so each connection makes a full handshake.
   */
  public SSLContext sslContext() {
    return sslContext;
  }

  /** Returns the key manager that presents core's certificate. */
  public X509ExtendedKeyManager keyManager() {
    return keyMaterial.keyManager();
  }

  /** Returns the trust manager that checks agents' certificates. */
  public X509ExtendedTrustManager trustManager() {
    return trustManager;
  }

  /** Returns the TLS protocol versions to enable. */
  public List<String> protocols() {
    return policy.protocols();
  }

  /** Returns the cipher suites to enable. */
  public List<String> cipherSuites() {
    return policy.cipherSuites();
  }

  /** Returns the subject and protocols, never key material. */
  @Override
  public String toString() {
    return "ClientTlsMaterial[certificate="
        + keyMaterial.chain().get(0).getSubjectX500Principal().getName()
        + ", trustedCas="
        + trustManager.getAcceptedIssuers().length
        + ", protocols="
        + policy.protocols()
        + ", sessionResumption="
        + sessionResumption
        + "]";
  }
}
