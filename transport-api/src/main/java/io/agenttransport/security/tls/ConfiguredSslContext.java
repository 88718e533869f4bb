package io.agenttransport.security.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * An {@link SSLContext} whose engines and sockets start with the policy's versions and suites, and,
 * on an agent with client CAs, with client authentication required, so that a transport that
 * forgets to apply {@code protocols()} and {@code cipherSuites()} still gets the safe setting.
 *
 * <p>Without session resumption, each engine and client socket comes from a new JDK context, whose
 * client session cache is empty. The JDK 17 client offers a session for resumption only from its
 * context's cache (keyed by peer host and port), and offers none when the cache is empty, so every
 * connection makes a full handshake. The JDK has no per-context switch for this.
 */
final class ConfiguredSslContext extends SSLContext {
  private ConfiguredSslContext(Spi spi, SSLContext template) {
    super(spi, template.getProvider(), template.getProtocol());
  }

  /**
   * Creates the context.
   *
   * @param trustManager the trust manager, or null to accept no peer certificates at all
   * @param needClientAuth whether server-side engines and sockets require a client certificate
   * @param resumption whether new connections may resume earlier sessions
   */
  static SSLContext create(
      KeyManager keyManager,
      @Nullable TrustManager trustManager,
      TlsPolicy policy,
      boolean needClientAuth,
      boolean resumption) {
    KeyManager[] keyManagers = {keyManager};
    TrustManager[] trustManagers =
        trustManager == null ? new TrustManager[0] : new TrustManager[] {trustManager};
    SSLContext template = newJdkContext(keyManagers, trustManagers);
    Spi spi = new Spi(template, keyManagers, trustManagers, policy, needClientAuth, resumption);
    return new ConfiguredSslContext(spi, template);
  }

  private static SSLContext newJdkContext(KeyManager[] keyManagers, TrustManager[] trustManagers) {
    try {
      // "TLS" supports every version; the policy narrows each engine and socket.
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers, trustManagers, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot create a JDK TLS context", e);
    }
  }

  private static final class Spi extends SSLContextSpi {
    private final SSLContext template;
    private final KeyManager[] keyManagers;
    private final TrustManager[] trustManagers;
    private final String[] protocols;
    private final String[] cipherSuites;
    private final boolean needClientAuth;
    private final boolean resumption;

    Spi(
        SSLContext template,
        KeyManager[] keyManagers,
        TrustManager[] trustManagers,
        TlsPolicy policy,
        boolean needClientAuth,
        boolean resumption) {
      this.template = template;
      this.keyManagers = keyManagers;
      this.trustManagers = trustManagers;
      this.protocols = policy.protocols().toArray(new String[0]);
      this.cipherSuites = policy.cipherSuites().toArray(new String[0]);
      this.needClientAuth = needClientAuth;
      this.resumption = resumption;
    }

    /** Returns the context for a new connection: the shared one, or a fresh one. */
    SSLContext connectionContext() {
      return resumption ? template : newJdkContext(keyManagers, trustManagers);
    }

    SSLEngine configure(SSLEngine engine) {
      engine.setEnabledProtocols(protocols);
      engine.setEnabledCipherSuites(cipherSuites);
      if (needClientAuth) {
        engine.setNeedClientAuth(true);
      }
      return engine;
    }

    Socket configure(Socket socket) {
      SSLSocket sslSocket = (SSLSocket) socket;
      sslSocket.setEnabledProtocols(protocols);
      sslSocket.setEnabledCipherSuites(cipherSuites);
      if (needClientAuth) {
        sslSocket.setNeedClientAuth(true);
      }
      return sslSocket;
    }

    ServerSocket configure(ServerSocket socket) {
      SSLServerSocket sslSocket = (SSLServerSocket) socket;
      sslSocket.setEnabledProtocols(protocols);
      sslSocket.setEnabledCipherSuites(cipherSuites);
      if (needClientAuth) {
        sslSocket.setNeedClientAuth(true);
      }
      return sslSocket;
    }

    @Override
    protected void engineInit(
        KeyManager @Nullable [] km, TrustManager @Nullable [] tm, @Nullable SecureRandom random)
        throws KeyManagementException {
      throw new KeyManagementException("this context is already initialized with its material");
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      return new SocketFactory(this);
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      return new ServerSocketFactory(this);
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      return configure(connectionContext().createSSLEngine());
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      return configure(connectionContext().createSSLEngine(host, port));
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      return template.getServerSessionContext();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      return template.getClientSessionContext();
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
      SSLParameters parameters = template.getDefaultSSLParameters();
      parameters.setProtocols(protocols);
      parameters.setCipherSuites(cipherSuites);
      if (needClientAuth) {
        parameters.setNeedClientAuth(true);
      }
      return parameters;
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
      return template.getSupportedSSLParameters();
    }
  }

  private static final class SocketFactory extends SSLSocketFactory {
    private final Spi spi;

    SocketFactory(Spi spi) {
      this.spi = spi;
    }

    private SSLSocketFactory factory() {
      return spi.connectionContext().getSocketFactory();
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return spi.cipherSuites.clone();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return spi.template.getSocketFactory().getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
      return spi.configure(factory().createSocket());
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose)
        throws IOException {
      return spi.configure(factory().createSocket(socket, host, port, autoClose));
    }

    @Override
    public Socket createSocket(Socket socket, InputStream consumed, boolean autoClose)
        throws IOException {
      return spi.configure(factory().createSocket(socket, consumed, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return spi.configure(factory().createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
        throws IOException {
      return spi.configure(factory().createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return spi.configure(factory().createSocket(host, port));
    }

    @Override
    public Socket createSocket(
        InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
      return spi.configure(factory().createSocket(address, port, localAddress, localPort));
    }
  }

  private static final class ServerSocketFactory extends SSLServerSocketFactory {
    private final Spi spi;

    ServerSocketFactory(Spi spi) {
      this.spi = spi;
    }

    private SSLServerSocketFactory factory() {
      return spi.template.getServerSocketFactory();
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return spi.cipherSuites.clone();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return factory().getSupportedCipherSuites();
    }

    @Override
    public ServerSocket createServerSocket() throws IOException {
      return spi.configure(factory().createServerSocket());
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
      return spi.configure(factory().createServerSocket(port));
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
      return spi.configure(factory().createServerSocket(port, backlog));
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress bindAddress)
        throws IOException {
      return spi.configure(factory().createServerSocket(port, backlog, bindAddress));
    }
  }
}
