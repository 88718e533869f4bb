package io.agenttransport.security.tls;

import io.agenttransport.config.ClientSettings;
import io.agenttransport.config.CoreTlsConfig;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Core's TLS material: its key and chain, and a trust manager that trusts only the configured CA
 * bundle and checks each agent's certificate against the address core connects to.
 */
public final class ClientTlsMaterial {
  // TODO: implement (security work in progress)

  private ClientTlsMaterial() {}

  /** Loads the material named by core's {@code tls} section. */
  public static ClientTlsMaterial load(CoreTlsConfig config, ClientSettings settings) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * Creates the material from keys and certificates already in memory, for tests and embedding.
   *
   * @param key core's private key
   * @param chain core's certificate chain, leaf first
   * @param trustedCas the CAs that signed agents' certificates; nothing else is trusted
   */
  public static ClientTlsMaterial of(
      PrivateKey key,
      List<X509Certificate> chain,
      List<X509Certificate> trustedCas,
      ClientSettings settings) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Returns an SSL context using {@link #keyManager()} and {@link #trustManager()}. */
  public SSLContext sslContext() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Returns the key manager that presents core's certificate. */
  public X509ExtendedKeyManager keyManager() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Returns the trust manager that checks agents' certificates. */
  public X509ExtendedTrustManager trustManager() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Returns the TLS protocol versions to enable. */
  public List<String> protocols() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Returns the cipher suites to enable. */
  public List<String> cipherSuites() {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
