package io.agenttransport.config;

import java.util.Locale;
import java.util.Objects;

/**
 * An identity that a certificate must carry, written {@code URI:spiffe://example/core}, {@code
 * DNS:core.example} or {@code CN:core}.
 *
 * <p>Agents pin core's identity with it, because agents' and core's certificates come from the same
 * CA. CN matching exists because some CA tools (cfssl 1.2, for one) cannot write URI SANs.
 *
 * @param type where in the certificate the identity is looked up
 * @param value the identity, compared exactly (DNS names without regard to case)
 */
public record PeerIdentity(Type type, String value) {
  /** Where in a certificate an identity is looked up. */
  public enum Type {
    /** A URI subject alternative name. */
    URI,
    /** A DNS subject alternative name. */
    DNS,
    /** The subject common name. */
    CN
  }

  /** Validates the components. */
  public PeerIdentity {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("identity value is empty");
    }
  }

  /**
   * Parses {@code TYPE:value}.
   *
   * @throws IllegalArgumentException naming the text if the type is not URI, DNS or CN
   */
  public static PeerIdentity parse(String text) {
    int colon = text.indexOf(':');
    String type = colon < 0 ? "" : text.substring(0, colon).toUpperCase(Locale.ROOT);
    return switch (type) {
      case "URI", "DNS", "CN" -> new PeerIdentity(Type.valueOf(type), text.substring(colon + 1));
      default ->
          throw new IllegalArgumentException(
              "invalid identity '" + text + "': expected URI:..., DNS:... or CN:...");
    };
  }

  /** Returns {@code TYPE:value}. */
  @Override
  public String toString() {
    return type + ":" + value;
  }
}
