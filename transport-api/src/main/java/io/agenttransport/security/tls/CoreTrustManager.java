package io.agenttransport.security.tls;

import io.agenttransport.config.PeerIdentity;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent's trust manager for client certificates. Besides PKIX validation against the client CA
 * bundle, it accepts only a leaf that allows client authentication and carries one of core's pinned
 * identities, because agents' certificates come from the same CA as core's.
 */
final class CoreTrustManager extends X509ExtendedTrustManager {
  private static final Logger LOG = LoggerFactory.getLogger(CoreTrustManager.class);

  private final X509ExtendedTrustManager pkix;
  private final List<PeerIdentity> coreIdentities;

  CoreTrustManager(X509ExtendedTrustManager pkix, List<PeerIdentity> coreIdentities) {
    this.pkix = pkix;
    this.coreIdentities = List.copyOf(coreIdentities);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    try {
      checkPresentAndValid(chain);
      pkix.checkClientTrusted(chain, authType, engine);
      checkUsageAndIdentity(chain[0]);
    } catch (CertificateException e) {
      throw rejected(e, chain, engine.getPeerHost());
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    try {
      checkPresentAndValid(chain);
      pkix.checkClientTrusted(chain, authType, socket);
      checkUsageAndIdentity(chain[0]);
    } catch (CertificateException e) {
      throw rejected(e, chain, String.valueOf(socket.getRemoteSocketAddress()));
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    try {
      checkPresentAndValid(chain);
      pkix.checkClientTrusted(chain, authType);
      checkUsageAndIdentity(chain[0]);
    } catch (CertificateException e) {
      throw rejected(e, chain, null);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw notForServers();
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw notForServers();
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw notForServers();
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return pkix.getAcceptedIssuers();
  }

  private static void checkPresentAndValid(X509Certificate[] chain) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the client sent no certificate");
    }
    PeerCertificates.checkValidity(chain[0]);
  }

  private void checkUsageAndIdentity(X509Certificate leaf) throws CertificateException {
    PeerCertificates.checkEndEntity(leaf);
    PeerCertificates.checkExtendedKeyUsage(leaf, PeerCertificates.CLIENT_AUTH, "clientAuth");
    PeerCertificates.checkKeyUsage(leaf);
    for (PeerIdentity identity : coreIdentities) {
      if (PeerCertificates.hasIdentity(leaf, identity)) {
        return;
      }
    }
    throw new CertificateException(
        "the certificate carries none of core's identities " + coreIdentities);
  }

  private static CertificateException rejected(
      CertificateException cause, X509Certificate @Nullable [] chain, @Nullable String peer) {
    LOG.warn(
        "Rejected the client certificate from {}: {}; {}",
        peer,
        cause.getMessage(),
        PeerCertificates.describe(chain));
    return cause;
  }

  private static CertificateException notForServers() {
    return new CertificateException("an agent's trust manager checks clients only, not servers");
  }
}
