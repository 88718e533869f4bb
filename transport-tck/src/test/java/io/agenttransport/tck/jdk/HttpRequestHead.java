package io.agenttransport.tck.jdk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A strictly parsed HTTP/1.1 request line and header fields. Anything RFC 9112 calls invalid, or
 * that could frame a body two ways, is a {@link MalformedRequestException}.
 */
record HttpRequestHead(
    String method, String rawPath, String rawQuery, Map<String, List<String>> fields) {
  private static final int MAX_HEAD_BYTES = 16 * 1024;

  /** A request that gets a 400 response. */
  static final class MalformedRequestException extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedRequestException(String message) {
      super(message);
    }
  }

  /** Reads the head, failing once {@code deadlineNanos} (a {@link System#nanoTime()}) passes. */
  static HttpRequestHead read(InputStream in, long deadlineNanos) throws IOException {
    List<String> lines = readLines(in, deadlineNanos);
    String[] requestLine = lines.get(0).split(" ", -1);
    if (requestLine.length != 3 || !requestLine[2].equals("HTTP/1.1")) {
      throw new MalformedRequestException("invalid request line");
    }
    String target = requestLine[1];
    int query = target.indexOf('?');
    String path = query < 0 ? target : target.substring(0, query);
    String rawQuery = query < 0 ? "" : target.substring(query + 1);
    return new HttpRequestHead(
        requestLine[0], path, rawQuery, parseFields(lines.subList(1, lines.size())));
  }

  private static List<String> readLines(InputStream in, long deadlineNanos) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    List<String> lines = new ArrayList<>();
    int total = 0;
    int previous = -1;
    while (true) {
      int next = in.read();
      if (System.nanoTime() > deadlineNanos) {
        throw new IOException("request head not received within the header timeout");
      }
      if (next < 0) {
        throw new IOException("connection closed inside the request head");
      }
      if (++total > MAX_HEAD_BYTES) {
        throw new MalformedRequestException("request head longer than " + MAX_HEAD_BYTES);
      }
      if (previous == '\r' && next == '\n') {
        byte[] bytes = line.toByteArray();
        String text = new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
        if (text.isEmpty()) {
          if (lines.isEmpty()) {
            throw new MalformedRequestException("empty request line");
          }
          return lines;
        }
        lines.add(text);
        line.reset();
      } else {
        line.write(next);
      }
      previous = next;
    }
  }

  private static Map<String, List<String>> parseFields(List<String> lines) throws IOException {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    for (String line : lines) {
      if (line.startsWith(" ") || line.startsWith("\t")) {
        throw new MalformedRequestException("obsolete line folding");
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new MalformedRequestException("header field without a name");
      }
      String name = line.substring(0, colon);
      if (!name.chars().allMatch(HttpRequestHead::isTokenChar)) {
        throw new MalformedRequestException("invalid header field name");
      }
      String value = line.substring(colon + 1).strip();
      if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
        throw new MalformedRequestException("control character in a header field value");
      }
      fields.computeIfAbsent(name.toLowerCase(Locale.ROOT), key -> new ArrayList<>()).add(value);
    }
    List<String> lengths = fields.getOrDefault("content-length", List.of());
    if (lengths.size() > 1) {
      throw new MalformedRequestException("Content-Length sent more than once");
    }
    if (!lengths.isEmpty() && fields.containsKey("transfer-encoding")) {
      throw new MalformedRequestException("both Content-Length and Transfer-Encoding");
    }
    return fields;
  }

  private static boolean isTokenChar(int c) {
    return c > 0x20 && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
  }

  /** Returns the first value of {@code name}, or {@code null}. */
  String first(String name) {
    List<String> values = fields.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
