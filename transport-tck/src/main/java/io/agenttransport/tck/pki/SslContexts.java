package io.agenttransport.tck.pki;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * JDK {@link SSLContext}s built straight from issued certificates, for the TCK's own probes and
 * wire hook. They are independent of the framework's TLS material on purpose, so that a probe never
 * inherits a fault of the code it tests.
 */
public final class SslContexts {
  private static final char[] NO_PASSWORD = new char[0];

  private SslContexts() {}

  /**
   * Returns a TLS context that presents {@code identity} (or no certificate when {@code null}) and
   * trusts exactly {@code trustedCas} (or nothing when empty).
   */
  public static SSLContext of(
      @Nullable IssuedCertificate identity, List<X509Certificate> trustedCas) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers(identity), trustManagers(trustedCas), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a TLS context for " + identity, e);
    }
  }

  private static KeyManager @Nullable [] keyManagers(@Nullable IssuedCertificate identity)
      throws GeneralSecurityException {
    if (identity == null) {
      return null;
    }
    KeyStore store = emptyStore();
    store.setKeyEntry(
        "identity",
        identity.privateKey(),
        NO_PASSWORD,
        identity.chain().toArray(Certificate[]::new));
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, NO_PASSWORD);
    return factory.getKeyManagers();
  }

  private static TrustManager[] trustManagers(List<X509Certificate> trustedCas)
      throws GeneralSecurityException {
    KeyStore store = emptyStore();
    for (int i = 0; i < trustedCas.size(); i++) {
      store.setCertificateEntry("ca-" + i, trustedCas.get(i));
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
    factory.init(store);
    return factory.getTrustManagers();
  }

  private static KeyStore emptyStore() throws GeneralSecurityException {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      return store;
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException("cannot create an empty key store", e);
    }
  }
}
