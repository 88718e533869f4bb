package io.agenttransport.cli.certs;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/** The key types that {@link CertificateIssuer} generates, with their signature algorithms. */
public enum KeyType {
  /** ECDSA on NIST P-256, signed with SHA-256. The default. */
  EC("EC P-256", "SHA256withECDSA"),
  /** RSA with 3072-bit keys, signed with SHA-256. */
  RSA("RSA 3072", "SHA256withRSA"),
  /** Ed25519. */
  ED25519("Ed25519", "Ed25519");

  private static final int RSA_BITS = 3072;

  private final String description;
  private final String signatureAlgorithm;

  KeyType(String description, String signatureAlgorithm) {
    this.description = description;
    this.signatureAlgorithm = signatureAlgorithm;
  }

  /** Returns a short human-readable name such as {@code EC P-256}. */
  public String description() {
    return description;
  }

  /** Returns the JCA name of the algorithm that signs certificates with a key of this type. */
  public String signatureAlgorithm() {
    return signatureAlgorithm;
  }

  /** Generates a new key pair of this type with the JDK's providers. */
  public KeyPair generate() {
    try {
      return switch (this) {
        case EC -> {
          KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
          generator.initialize(new ECGenParameterSpec("secp256r1"));
          yield generator.generateKeyPair();
        }
        case RSA -> {
          KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
          generator.initialize(RSA_BITS);
          yield generator.generateKeyPair();
        }
        case ED25519 -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      };
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "failed to generate a " + description + " key: this JDK lacks the algorithm", e);
    }
  }
}
