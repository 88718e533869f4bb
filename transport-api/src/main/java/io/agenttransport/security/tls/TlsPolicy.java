package io.agenttransport.security.tls;

import io.agenttransport.config.ConfigException;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * The TLS versions and cipher suites both sides enable: TLS 1.3 by default, TLS 1.2 only when
 * configured, and only AEAD suites with forward secrecy (no CBC, no static RSA key exchange).
 */
final class TlsPolicy {
  static final String TLS_VERSIONS_KEY = "tls_versions";

  private static final String TLS_13 = "TLSv1.3";
  private static final String TLS_12 = "TLSv1.2";

  private static final List<String> TLS_13_SUITES =
      List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256");

  private static final List<String> TLS_12_SUITES =
      List.of(
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  private final List<String> protocols;
  private final List<String> cipherSuites;

  private TlsPolicy(List<String> protocols, List<String> cipherSuites) {
    this.protocols = protocols;
    this.cipherSuites = cipherSuites;
  }

  /**
   * Validates the configured versions and selects the matching suites that this JDK supports.
   *
   * @throws ConfigException if the list is empty or names a version other than TLS 1.3 and 1.2
   */
  static TlsPolicy of(List<String> tlsVersions) {
    if (tlsVersions.isEmpty()) {
      throw new ConfigException(
          TLS_VERSIONS_KEY, "the list is empty; expected TLSv1.3, optionally with TLSv1.2");
    }
    Set<String> protocols = new LinkedHashSet<>();
    for (String version : tlsVersions) {
      if (!version.equals(TLS_13) && !version.equals(TLS_12)) {
        throw new ConfigException(
            TLS_VERSIONS_KEY,
            "unsupported TLS version '"
                + version
                + "'; expected TLSv1.3 or TLSv1.2 (older versions are insecure)");
      }
      protocols.add(version);
    }
    return new TlsPolicy(List.copyOf(protocols), selectSuites(protocols));
  }

  private static List<String> selectSuites(Set<String> protocols) {
    List<String> wanted = new ArrayList<>();
    if (protocols.contains(TLS_13)) {
      wanted.addAll(TLS_13_SUITES);
    }
    if (protocols.contains(TLS_12)) {
      wanted.addAll(TLS_12_SUITES);
    }
    Set<String> supported = supportedSuites();
    wanted.removeIf(suite -> !supported.contains(suite));
    return List.copyOf(wanted);
  }

  private static Set<String> supportedSuites() {
    try {
      // Empty manager arrays keep the JDK from loading its default key and trust stores.
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[0], new TrustManager[0], null);
      return Set.of(context.getSupportedSSLParameters().getCipherSuites());
    } catch (NoSuchAlgorithmException | KeyManagementException e) {
      throw new IllegalStateException("the JDK provides no TLS context", e);
    }
  }

  List<String> protocols() {
    return protocols;
  }

  List<String> cipherSuites() {
    return cipherSuites;
  }
}
