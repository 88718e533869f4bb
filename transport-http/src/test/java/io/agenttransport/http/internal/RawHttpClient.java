package io.agenttransport.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Sends hand-written HTTP/1.1 requests over a loopback socket and reads the whole response. */
final class RawHttpClient {
  private RawHttpClient() {}

  /**
   * Sends {@code request} byte for byte and returns everything the server writes until it closes.
   */
  static String exchange(int port, String request) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(20_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return readAll(socket.getInputStream());
    }
  }

  /** Returns everything {@code in} delivers until the end of the stream. */
  static String readAll(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  /** Returns the status code of a raw response. */
  static int status(String response) {
    return Integer.parseInt(response.substring(9, 12));
  }

  /** Returns the body of a raw response that is not chunked. */
  static String body(String response) {
    return response.substring(response.indexOf("\r\n\r\n") + 4);
  }
}
