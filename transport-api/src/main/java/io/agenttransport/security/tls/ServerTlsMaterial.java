package io.agenttransport.security.tls;

import io.agenttransport.config.AgentTlsConfig;
import io.agenttransport.config.PeerIdentity;
import io.agenttransport.config.ServerSettings;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jspecify.annotations.Nullable;

/**
 * An agent's TLS material: its key and chain, and, when client authentication is configured, a
 * trust manager that accepts only core's pinned identity from the client CA bundle.
 */
public final class ServerTlsMaterial {
  // TODO: implement (security work in progress)

  private ServerTlsMaterial() {}

  /** Loads the material named by an agent's {@code tls} section. */
  public static ServerTlsMaterial load(AgentTlsConfig config, ServerSettings settings) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * Creates the material from keys and certificates already in memory, for tests and embedding.
   *
   * @param key the agent's private key
   * @param chain the agent's certificate chain, leaf first
   * @param clientCas the CAs that signed core's certificate, or {@code null} for no client auth
   * @param coreIdentities the identities accepted as core when {@code clientCas} is set
   */
  public static ServerTlsMaterial of(
      PrivateKey key,
      List<X509Certificate> chain,
      @Nullable List<X509Certificate> clientCas,
      List<PeerIdentity> coreIdentities,
      ServerSettings settings) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Returns the agent's certificate chain, leaf first. */
  public List<X509Certificate> certificateChain() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Returns an SSL context using {@link #keyManager()} and {@link #trustManager()}. */
  public SSLContext sslContext() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Returns the key manager that presents the agent's certificate. */
  public X509ExtendedKeyManager keyManager() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Returns the trust manager for client certificates, or {@code null} without client auth. */
  public @Nullable X509ExtendedTrustManager trustManager() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Returns whether clients must present a certificate (need, not want). */
  public boolean clientAuthRequired() {
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
