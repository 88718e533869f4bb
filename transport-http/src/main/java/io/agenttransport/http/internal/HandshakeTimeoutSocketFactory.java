package io.agenttransport.http.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import javax.net.ssl.SSLSocketFactory;

/**
 * Bounds the TLS handshake of sockets that OkHttp layers over its TCP connections.
 *
 * <p>OkHttp has no handshake timeout of its own: {@code SSLSocket.startHandshake()} blocks under
 * the socket's read timeout. This factory sets that timeout to the handshake timeout on every
 * layered socket it creates. OkHttp 5.5 then sets the read timeout again for each exchange, so the
 * value covers the handshake only. It bounds each read of the handshake, not the handshake as a
 * whole; the call timeout still bounds the whole call.
 */
final class HandshakeTimeoutSocketFactory extends SSLSocketFactory {
  private final SSLSocketFactory delegate;
  private final int handshakeTimeoutMillis;

  HandshakeTimeoutSocketFactory(SSLSocketFactory delegate, Duration handshakeTimeout) {
    this.delegate = delegate;
    this.handshakeTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, handshakeTimeout.toMillis());
  }

  @Override
  public Socket createSocket(Socket socket, String host, int port, boolean autoClose)
      throws IOException {
    Socket layered = delegate.createSocket(socket, host, port, autoClose);
    layered.setSoTimeout(handshakeTimeoutMillis);
    return layered;
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return delegate.getDefaultCipherSuites();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return delegate.getSupportedCipherSuites();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return withTimeout(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return withTimeout(delegate.createSocket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return withTimeout(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return withTimeout(delegate.createSocket(address, port, localAddress, localPort));
  }

  private Socket withTimeout(Socket socket) throws IOException {
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(handshakeTimeoutMillis);
    return socket;
  }
}
