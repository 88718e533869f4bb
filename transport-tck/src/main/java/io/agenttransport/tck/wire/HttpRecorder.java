package io.agenttransport.tck.wire;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.tck.pki.SslContexts;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLServerSocket;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An HTTP/1.1 recorder on loopback, one request per connection, answering 503 or a redirect. */
final class HttpRecorder implements Recorder {
  private static final Logger LOG = LoggerFactory.getLogger(HttpRecorder.class);

  private final SSLServerSocket server;
  private final AgentAddress address;
  private final @Nullable String redirectTo;
  private final BlockingQueue<CapturedRequest> requests = new LinkedBlockingQueue<>();
  private final AtomicInteger count = new AtomicInteger();
  private final Thread acceptor;

  private HttpRecorder(SSLServerSocket server, String scheme, @Nullable String redirectTo) {
    this.server = server;
    this.address = new AgentAddress(scheme, "127.0.0.1", server.getLocalPort());
    this.redirectTo = redirectTo;
    this.acceptor = new Thread(this::acceptLoop, "tck-recorder-" + server.getLocalPort());
    this.acceptor.setDaemon(true);
  }

  static HttpRecorder start(String scheme, TapContext context) {
    try {
      SSLServerSocket server =
          (SSLServerSocket)
              SslContexts.of(context.agentCertificate(), context.trustedCas())
                  .getServerSocketFactory()
                  .createServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
      server.setNeedClientAuth(true);
      HttpRecorder recorder = new HttpRecorder(server, scheme, context.redirectTo());
      recorder.acceptor.start();
      return recorder;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind a recorder on 127.0.0.1", e);
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        socket.setSoTimeout(10_000);
        CapturedRequest request = HttpMessages.readRequest(socket.getInputStream());
        count.incrementAndGet();
        requests.add(request);
        answer(socket.getOutputStream());
      } catch (SocketException e) {
        LOG.debug("recorder {} stopped accepting: {}", address, e.toString());
      } catch (IOException | RuntimeException e) {
        LOG.debug("recorder {} dropped a connection: {}", address, e.toString());
      }
    }
  }

  private void answer(OutputStream out) throws IOException {
    String response =
        redirectTo == null
            ? "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            : "HTTP/1.1 307 Temporary Redirect\r\nLocation: "
                + redirectTo
                + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    out.write(response.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  @Override
  public AgentAddress address() {
    return address;
  }

  @Override
  public CapturedRequest awaitRequest(Duration timeout) {
    try {
      CapturedRequest request = requests.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (request == null) {
        throw new AssertionError("recorder " + address + " received no request within " + timeout);
      }
      return request;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for a recorded request", e);
    }
  }

  @Override
  public int requestCount() {
    return count.get();
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      LOG.debug("recorder {} failed to close: {}", address, e.toString());
    }
  }

  @Override
  public String toString() {
    return "HttpRecorder[" + address + "]";
  }
}
