package io.agenttransport.bench.support;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS setup of the raw baselines, built with the JDK alone: TLS 1.3, the benchmark CA as the
 * only trust anchor, PKIX key and trust managers.
 *
 * @param keyManager presents the local certificate
 * @param trustManager checks the peer's certificate against the benchmark CA
 */
public record RawTls(X509ExtendedKeyManager keyManager, X509ExtendedTrustManager trustManager) {
  /** The only protocol the baselines enable, as the framework does by default. */
  public static final String PROTOCOL = "TLSv1.3";

  private static final char[] STORE_PASSWORD = "bench".toCharArray();

  /** Creates the managers for {@code identity}, trusting only {@code ca}. */
  public static RawTls of(BenchPki.Identity identity, X509Certificate ca) {
    try {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry(
          "identity", identity.key(), STORE_PASSWORD, identity.chain().toArray(new Certificate[0]));
      KeyManagerFactory keyFactory = KeyManagerFactory.getInstance("PKIX");
      keyFactory.init(keys, STORE_PASSWORD);

      KeyStore anchors = KeyStore.getInstance("PKCS12");
      anchors.load(null, null);
      anchors.setCertificateEntry("ca", ca);
      TrustManagerFactory trustFactory = TrustManagerFactory.getInstance("PKIX");
      trustFactory.init(anchors);

      return new RawTls(
          (X509ExtendedKeyManager) keyFactory.getKeyManagers()[0],
          (X509ExtendedTrustManager) trustFactory.getTrustManagers()[0]);
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot build the baseline TLS managers", e);
    }
  }

  /**
   * Returns a new TLS 1.3 context with these managers. Each context has its own session cache, so a
   * context that is used once never resumes a session.
   */
  public SSLContext newContext() {
    try {
      SSLContext context = SSLContext.getInstance(PROTOCOL);
      context.init(new KeyManager[] {keyManager}, new TrustManager[] {trustManager}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot create a TLS 1.3 context", e);
    }
  }
}
