package io.agenttransport.tck.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads and writes HTTP/1.1 messages byte for byte, without normalizing anything. */
final class HttpMessages {
  private static final int MAX_HEAD_BYTES = 64 * 1024;

  private HttpMessages() {}

  /** Returns the request line and header fields, with {@code Connection: close} added. */
  static byte[] requestHead(CapturedRequest request) {
    StringBuilder head = new StringBuilder();
    head.append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n");
    for (Map.Entry<String, String> field : request.fields()) {
      if (!field.getKey().equalsIgnoreCase("connection")) {
        head.append(field.getKey()).append(": ").append(field.getValue()).append("\r\n");
      }
    }
    head.append("Connection: close\r\n\r\n");
    return head.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Reads one request; a chunked body is decoded and framed with Content-Length instead. */
  static CapturedRequest readRequest(InputStream in) throws IOException {
    List<String> lines = readHead(in);
    if (lines.isEmpty()) {
      throw new IOException("connection closed before a request line");
    }
    String[] requestLine = lines.get(0).split(" ", 3);
    if (requestLine.length != 3) {
      throw new IOException("malformed request line: " + lines.get(0));
    }
    List<Map.Entry<String, String>> fields = parseFields(lines.subList(1, lines.size()));
    CapturedRequest request =
        new CapturedRequest(requestLine[0], requestLine[1], fields, new byte[0]);
    byte[] body =
        readBody(in, request.values("content-length"), request.values("transfer-encoding"));
    CapturedRequest withBody =
        new CapturedRequest(request.method(), request.target(), fields, body);
    if (!withBody.values("transfer-encoding").isEmpty()) {
      withBody =
          withBody
              .withoutField("transfer-encoding")
              .withField("content-length", Integer.toString(body.length));
    }
    return withBody;
  }

  /** Reads one response; the status is 0 if the peer closed without one. */
  static WireResponse readResponse(InputStream in) throws IOException {
    List<String> lines = readHead(in);
    if (lines.isEmpty()) {
      return new WireResponse(0, new byte[0]);
    }
    String[] statusLine = lines.get(0).split(" ", 3);
    int status = Integer.parseInt(statusLine[1]);
    CapturedRequest head =
        new CapturedRequest("", "", parseFields(lines.subList(1, lines.size())), new byte[0]);
    List<String> length = head.values("content-length");
    List<String> encoding = head.values("transfer-encoding");
    byte[] body =
        length.isEmpty() && encoding.isEmpty()
            ? HttpWireTap.readFully(in, -1)
            : readBody(in, length, encoding);
    return new WireResponse(status, body);
  }

  private static List<String> readHead(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    List<String> lines = new ArrayList<>();
    int total = 0;
    int previous = -1;
    for (int next = in.read(); next >= 0; next = in.read()) {
      if (++total > MAX_HEAD_BYTES) {
        throw new IOException("message head longer than " + MAX_HEAD_BYTES + " bytes");
      }
      if (previous == '\r' && next == '\n') {
        byte[] bytes = line.toByteArray();
        String text = new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
        if (text.isEmpty()) {
          return lines;
        }
        lines.add(text);
        line.reset();
      } else {
        line.write(next);
      }
      previous = next;
    }
    if (lines.isEmpty() && line.size() == 0) {
      return lines;
    }
    throw new IOException("connection closed inside a message head");
  }

  private static List<Map.Entry<String, String>> parseFields(List<String> lines)
      throws IOException {
    List<Map.Entry<String, String>> fields = new ArrayList<>();
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IOException("malformed header field: " + line);
      }
      fields.add(Map.entry(line.substring(0, colon), line.substring(colon + 1).trim()));
    }
    return fields;
  }

  private static byte[] readBody(InputStream in, List<String> length, List<String> encoding)
      throws IOException {
    if (!encoding.isEmpty() && encoding.get(0).toLowerCase(Locale.ROOT).contains("chunked")) {
      return readChunked(in);
    }
    if (length.isEmpty()) {
      return new byte[0];
    }
    return HttpWireTap.readFully(in, Integer.parseInt(length.get(0).trim()));
  }

  private static byte[] readChunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(in);
      int semicolon = sizeLine.indexOf(';');
      int size =
          Integer.parseInt(
              (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
      if (size == 0) {
        while (!readLine(in).isEmpty()) {
          // Trailer fields are not part of what the TCK compares.
        }
        return body.toByteArray();
      }
      body.write(HttpWireTap.readFully(in, size));
      readLine(in);
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int previous = -1;
    for (int next = in.read(); next >= 0; next = in.read()) {
      if (previous == '\r' && next == '\n') {
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
      }
      line.write(next);
      previous = next;
    }
    throw new IOException("connection closed inside a chunked body");
  }
}
