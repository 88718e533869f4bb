package io.agenttransport.security.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Core's trust manager for agents' certificates. Besides PKIX validation against the configured CA
 * bundle, it checks that the leaf names the address core connected to and allows server
 * authentication. It runs inside the handshake, so core sends no request to a wrong agent.
 */
final class AgentTrustManager extends X509ExtendedTrustManager {
  private static final Logger LOG = LoggerFactory.getLogger(AgentTrustManager.class);

  private final X509ExtendedTrustManager pkix;

  AgentTrustManager(X509ExtendedTrustManager pkix) {
    this.pkix = pkix;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    String host = engine.getPeerHost();
    try {
      checkPresentAndValid(chain, host);
      pkix.checkServerTrusted(chain, authType, engine);
      checkUsage(chain[0], host);
    } catch (CertificateException e) {
      throw rejected(e, chain, host);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    String host = peerHost(socket);
    try {
      checkPresentAndValid(chain, host);
      pkix.checkServerTrusted(chain, authType, socket);
      checkUsage(chain[0], host);
    } catch (CertificateException e) {
      throw rejected(e, chain, host);
    }
  }

  /** Rejects every chain, because without a connection there is no agent address to check. */
  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw rejected(
        new CertificateException("no connection is given, so the agent address cannot be checked"),
        chain,
        null);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw notForClients();
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw notForClients();
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw notForClients();
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return pkix.getAcceptedIssuers();
  }

  private static void checkPresentAndValid(X509Certificate[] chain, @Nullable String host)
      throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the agent sent no certificate");
    }
    if (host == null || host.isEmpty()) {
      throw new CertificateException(
          "the connection has no peer host, so the agent address cannot be checked;"
              + " create the engine or socket with the agent's host name");
    }
    PeerCertificates.checkValidity(chain[0]);
  }

  private static void checkUsage(X509Certificate leaf, @Nullable String host)
      throws CertificateException {
    PeerCertificates.checkEndEntity(leaf);
    PeerCertificates.checkHost(leaf, Objects.requireNonNull(host, "host"));
    PeerCertificates.checkExtendedKeyUsage(leaf, PeerCertificates.SERVER_AUTH, "serverAuth");
    PeerCertificates.checkKeyUsage(leaf);
  }

  private static @Nullable String peerHost(Socket socket) {
    if (socket instanceof SSLSocket sslSocket) {
      SSLSession session = sslSocket.getHandshakeSession();
      return session == null ? null : session.getPeerHost();
    }
    return null;
  }

  private static CertificateException rejected(
      CertificateException cause, X509Certificate @Nullable [] chain, @Nullable String host) {
    LOG.warn(
        "Rejected the certificate of agent {}: {}; {}",
        host,
        cause.getMessage(),
        PeerCertificates.describe(chain));
    return cause;
  }

  private static CertificateException notForClients() {
    return new CertificateException("core's trust manager checks agents only, not clients");
  }
}
