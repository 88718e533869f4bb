package io.agenttransport.tck.internal;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.tck.pki.IssuedCertificate;
import io.agenttransport.tck.pki.SslContexts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A TLS server on loopback that presents any certificate, even one the framework's own server
 * material refuses to load (expired, not yet valid), and counts the application bytes a client
 * sends after the handshake. A client that rejects the certificate sends none.
 *
 * <p>It offers the ALPN protocols {@code h2} and {@code http/1.1}, so that clients that require
 * ALPN, such as gRPC, reach the certificate check.
 */
public final class TlsStub implements AutoCloseable {
  private final SSLServerSocket server;
  private final AtomicLong applicationBytes = new AtomicLong();
  private final Thread acceptor;

  private TlsStub(SSLServerSocket server) {
    this.server = server;
    this.acceptor = new Thread(this::acceptLoop, "tck-tls-stub-" + server.getLocalPort());
    this.acceptor.setDaemon(true);
  }

  /**
   * Starts a stub presenting {@code certificate}, requiring client certificates from {@code
   * clientCas}.
   */
  public static TlsStub start(IssuedCertificate certificate, List<X509Certificate> clientCas) {
    try {
      SSLServerSocket server =
          (SSLServerSocket)
              SslContexts.of(certificate, clientCas)
                  .getServerSocketFactory()
                  .createServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
      SSLParameters parameters = server.getSSLParameters();
      parameters.setNeedClientAuth(true);
      parameters.setApplicationProtocols(new String[] {"h2", "http/1.1"});
      server.setSSLParameters(parameters);
      TlsStub stub = new TlsStub(server);
      stub.acceptor.start();
      return stub;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind a TLS stub on 127.0.0.1", e);
    }
  }

  /** Returns the stub's address with {@code scheme}. */
  public AgentAddress address(String scheme) {
    return new AgentAddress(scheme, "127.0.0.1", server.getLocalPort());
  }

  /** Returns the number of application bytes received after handshakes so far. */
  public long applicationBytes() {
    return applicationBytes.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread reader = new Thread(() -> drain(socket), "tck-tls-stub-reader");
        reader.setDaemon(true);
        reader.start();
      } catch (SocketException e) {
        return;
      } catch (IOException e) {
        // A failed accept leaves the stub listening for the next client.
      }
    }
  }

  private void drain(Socket socket) {
    try (socket) {
      socket.setSoTimeout(10_000);
      ((SSLSocket) socket).startHandshake();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[4096];
      int read = in.read(buffer);
      if (read > 0) {
        applicationBytes.addAndGet(read);
      }
    } catch (IOException e) {
      // A client that rejects the certificate ends the connection here.
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
