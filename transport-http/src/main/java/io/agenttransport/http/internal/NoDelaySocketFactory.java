package io.agenttransport.http.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Creates sockets with {@code TCP_NODELAY} set.
 *
 * <p>OkHttp leaves Nagle's algorithm on. A new TLS 1.3 connection then waits for the peer's delayed
 * ACK before its last handshake flight and first request leave, which adds the delayed-ACK time (at
 * least 40 ms on Linux) to every new connection.
 */
final class NoDelaySocketFactory extends SocketFactory {
  @Override
  public Socket createSocket() throws IOException {
    Socket socket = new Socket();
    socket.setTcpNoDelay(true);
    return socket;
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    Socket socket = new Socket(host, port);
    socket.setTcpNoDelay(true);
    return socket;
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    Socket socket = new Socket(host, port, localHost, localPort);
    socket.setTcpNoDelay(true);
    return socket;
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    Socket socket = new Socket(host, port);
    socket.setTcpNoDelay(true);
    return socket;
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    Socket socket = new Socket(address, port, localAddress, localPort);
    socket.setTcpNoDelay(true);
    return socket;
  }
}
