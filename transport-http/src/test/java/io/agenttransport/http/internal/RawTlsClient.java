package io.agenttransport.http.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** Sends hand-written HTTP/1.1 requests over TLS to a loopback agent and reads the response. */
final class RawTlsClient {
  private RawTlsClient() {}

  /** Sends {@code request} over a TLS connection from {@code context} to 127.0.0.1. */
  static String exchange(SSLContext context, int port, String request) throws IOException {
    return exchange(context, port, request, socket -> {});
  }

  /**
   * Sends {@code request} over a TLS connection, after {@code configure} has set protocols or
   * cipher suites, and returns everything the server writes until it closes.
   */
  static String exchange(
      SSLContext context, int port, String request, Consumer<SSLSocket> configure)
      throws IOException {
    try (SSLSocket socket =
        (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      configure.accept(socket);
      socket.startHandshake();
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return RawHttpClient.readAll(socket.getInputStream());
    }
  }
}
