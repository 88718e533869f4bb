package io.agenttransport.security.signature;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.greenbytes.http.sfv.InnerList;
import org.greenbytes.http.sfv.Item;

/**
 * The signature base of RFC 9421 section 2.5: one line per covered component, {@code "name":
 * value}, then the {@code "@signature-params"} line holding the serialized inner list of covered
 * components with its parameters. Lines end with a single LF, and the last line has none.
 */
final class SignatureBase {
  static final String SIGNATURE_PARAMS = "@signature-params";

  private SignatureBase() {}

  /**
   * Builds the base.
   *
   * @param signatureParams the covered components, each a string item without parameters, with the
   *     signature parameters
   * @param values the value of each covered component, already checked and trimmed
   */
  static byte[] build(InnerList signatureParams, Map<String, String> values) {
    StringBuilder base = new StringBuilder(256);
    for (Item<?> component : signatureParams.get()) {
      String name = (String) component.get();
      component.serializeTo(base).append(": ").append(values.get(name)).append('\n');
    }
    base.append('"').append(SIGNATURE_PARAMS).append("\": ");
    signatureParams.serializeTo(base);
    return base.toString().getBytes(StandardCharsets.UTF_8);
  }
}
