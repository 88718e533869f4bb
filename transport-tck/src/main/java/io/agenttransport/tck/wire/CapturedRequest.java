package io.agenttransport.tck.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One request exactly as core sent it: for HTTP the method, request target, header fields in order
 * and body bytes; other transports put their equivalents in the same places (for gRPC, the full
 * method name as target and the metadata as fields).
 *
 * <p>The {@code with...} methods return altered copies for tamper and replay rules; they change
 * nothing else, so a signature over the original no longer matches where it should not.
 *
 * @param method the request method, such as {@code POST}
 * @param target the request target, path and query, such as {@code /api/unstable/action}
 * @param fields the header fields or metadata in the order sent, names as sent
 * @param body the body bytes as sent
 */
public record CapturedRequest(
    String method, String target, List<Map.Entry<String, String>> fields, byte[] body) {
  /** Validates the components and copies the fields. */
  public CapturedRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(target, "target");
    fields = fields.stream().map(entry -> Map.entry(entry.getKey(), entry.getValue())).toList();
    body = body.clone();
  }

  /** Returns the body bytes. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** Returns every value of the field {@code name}, compared without regard to case. */
  public List<String> values(String name) {
    return fields.stream()
        .filter(entry -> entry.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .toList();
  }

  /** Returns the path of the target, without the query. */
  public String path() {
    int query = target.indexOf('?');
    return query < 0 ? target : target.substring(0, query);
  }

  /** Returns a copy with another method. */
  public CapturedRequest withMethod(String value) {
    return new CapturedRequest(value, target, fields, body);
  }

  /** Returns a copy with another request target. */
  public CapturedRequest withTarget(String value) {
    return new CapturedRequest(method, value, fields, body);
  }

  /** Returns a copy whose field {@code name} has the single value {@code value}. */
  public CapturedRequest withField(String name, String value) {
    List<Map.Entry<String, String>> changed = new ArrayList<>();
    boolean replaced = false;
    for (Map.Entry<String, String> entry : fields) {
      if (!entry.getKey().equalsIgnoreCase(name)) {
        changed.add(entry);
      } else if (!replaced) {
        changed.add(Map.entry(entry.getKey(), value));
        replaced = true;
      }
    }
    if (!replaced) {
      changed.add(Map.entry(name.toLowerCase(Locale.ROOT), value));
    }
    return new CapturedRequest(method, target, changed, body);
  }

  /** Returns a copy with one more value for the field {@code name}, after the others. */
  public CapturedRequest withAddedField(String name, String value) {
    List<Map.Entry<String, String>> changed = new ArrayList<>(fields);
    changed.add(Map.entry(name, value));
    return new CapturedRequest(method, target, changed, body);
  }

  /** Returns a copy without the field {@code name}. */
  public CapturedRequest withoutField(String name) {
    List<Map.Entry<String, String>> changed =
        fields.stream().filter(entry -> !entry.getKey().equalsIgnoreCase(name)).toList();
    return new CapturedRequest(method, target, changed, body);
  }

  /**
   * Returns a copy with another body. A {@code Content-Length} field, if present, is updated so
   * that the request stays well framed; nothing else changes.
   */
  public CapturedRequest withBody(byte[] value) {
    CapturedRequest changed = new CapturedRequest(method, target, fields, value);
    if (!values("content-length").isEmpty()) {
      changed = changed.withField("content-length", Integer.toString(value.length));
    }
    return changed;
  }

  /** Returns a copy whose body has the byte at {@code index} changed. */
  public CapturedRequest withBodyByteFlipped(int index) {
    byte[] changed = body.clone();
    changed[index] = (byte) (changed[index] ^ 0x01);
    return withBody(changed);
  }

  /** Returns the method, target and field names, never the field values or body. */
  @Override
  public String toString() {
    List<String> names = fields.stream().map(Map.Entry::getKey).toList();
    return method + " " + target + " " + names + " (" + body.length + " body bytes)";
  }

  /** Returns the body as UTF-8 text, for assertions on JSON bodies. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
