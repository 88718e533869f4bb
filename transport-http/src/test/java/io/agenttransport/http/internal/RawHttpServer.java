package io.agenttransport.http.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deliberately simple HTTP/1.1 server on a loopback socket that responds to each connection's
 * first request with whatever its {@link Responder} writes, byte for byte. Tests use it to play
 * agents that misbehave in ways Jetty never would.
 */
final class RawHttpServer implements AutoCloseable {
  /** Writes the raw response to one request. */
  @FunctionalInterface
  interface Responder {
    void respond(String requestHead, OutputStream out, Socket socket) throws Exception;
  }

  private final ServerSocket serverSocket;
  private final Responder responder;
  private final AtomicInteger connections = new AtomicInteger();
  private final List<String> requestHeads = new CopyOnWriteArrayList<>();
  private final CountDownLatch clientClosed = new CountDownLatch(1);
  private final Thread acceptor;

  private RawHttpServer(Responder responder) throws IOException {
    this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.responder = responder;
    this.acceptor = new Thread(this::acceptLoop, "raw-http-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Starts a server that responds with {@code responder}. */
  static RawHttpServer start(Responder responder) throws IOException {
    return new RawHttpServer(responder);
  }

  /** Starts a server that responds to every request with {@code response} and closes. */
  static RawHttpServer answering(String response) throws IOException {
    return start((head, out, socket) -> out.write(response.getBytes(StandardCharsets.UTF_8)));
  }

  /** Returns a complete response with a JSON body. */
  static String jsonResponse(int status, String extraHeaders, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return "HTTP/1.1 "
        + status
        + " Status\r\nContent-Type: application/json\r\nContent-Length: "
        + bytes.length
        + "\r\nConnection: close\r\n"
        + extraHeaders
        + "\r\n"
        + body;
  }

  int port() {
    return serverSocket.getLocalPort();
  }

  String httpAddress() {
    return "http://127.0.0.1:" + port();
  }

  /** Returns the number of connections accepted. */
  int connections() {
    return connections.get();
  }

  /** Returns the request line and headers of every request received. */
  List<String> requestHeads() {
    return requestHeads;
  }

  /** Waits until a client closed its connection while the responder held it open. */
  boolean awaitClientClose(long timeout, TimeUnit unit) throws InterruptedException {
    return clientClosed.await(timeout, unit);
  }

  /** Blocks until the client closes {@code socket}, then records that it did. */
  void holdUntilClientCloses(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    try {
      while (in.read() >= 0) {
        // Discard anything the client sends until it closes.
      }
    } catch (SocketException e) {
      // A reset is a close too.
    }
    clientClosed.countDown();
  }

  private void acceptLoop() {
    while (!serverSocket.isClosed()) {
      try {
        Socket socket = serverSocket.accept();
        connections.incrementAndGet();
        Thread worker = new Thread(() -> serve(socket), "raw-http-connection");
        worker.setDaemon(true);
        worker.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      String head = readHead(socket.getInputStream());
      requestHeads.add(head);
      OutputStream out = socket.getOutputStream();
      responder.respond(head, out, socket);
      out.flush();
    } catch (Exception e) {
      // The client went away; the test asserts on what the client saw.
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < end.length) {
      int next = in.read();
      if (next < 0) {
        break;
      }
      head.write(next);
      matched = next == end[matched] ? matched + 1 : (next == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    serverSocket.close();
  }
}
