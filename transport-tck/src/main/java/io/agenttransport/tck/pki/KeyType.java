package io.agenttransport.tck.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/** The key types the TCK issues certificates for, with the signature algorithm each one uses. */
public enum KeyType {
  /** RSA with a 2048-bit modulus, signing certificates with SHA256withRSA. */
  RSA_2048("SHA256withRSA"),
  /** ECDSA on NIST P-256, signing certificates with SHA256withECDSA. */
  EC_P256("SHA256withECDSA"),
  /** EdDSA on Curve25519. */
  ED25519("Ed25519");

  private final String certificateSignatureAlgorithm;

  KeyType(String certificateSignatureAlgorithm) {
    this.certificateSignatureAlgorithm = certificateSignatureAlgorithm;
  }

  /** Returns the JCA name of the algorithm a key of this type signs certificates with. */
  public String certificateSignatureAlgorithm() {
    return certificateSignatureAlgorithm;
  }

  /** Generates a new key pair of this type with the JDK's providers. */
  public KeyPair generate() {
    try {
      return switch (this) {
        case RSA_2048 -> {
          KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
          generator.initialize(2048);
          yield generator.generateKeyPair();
        }
        case EC_P256 -> {
          KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
          generator.initialize(new ECGenParameterSpec("secp256r1"));
          yield generator.generateKeyPair();
        }
        case ED25519 -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      };
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a " + this + " key pair on this JDK", e);
    }
  }

  /** Returns the key type of {@code keyPair}, judged from its algorithm name. */
  public static KeyType of(KeyPair keyPair) {
    String algorithm = keyPair.getPublic().getAlgorithm();
    return switch (algorithm) {
      case "RSA" -> RSA_2048;
      case "EC" -> EC_P256;
      case "Ed25519", "EdDSA" -> ED25519;
      default ->
          throw new IllegalArgumentException(
              "unsupported key algorithm " + algorithm + ": expected RSA, EC or Ed25519");
    };
  }
}
