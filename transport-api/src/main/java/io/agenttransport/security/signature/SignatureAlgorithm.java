package io.agenttransport.security.signature;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.Locale;
import java.util.Optional;

/**
 * The signature algorithms of RFC 9421 that core may sign with. The algorithm follows the key type
 * and is pinned per key id by the agent's configuration, never taken from a message. HMAC is
 * deliberately absent.
 */
public enum SignatureAlgorithm {
  /** EdDSA with Curve25519, {@code ed25519}. */
  ED25519("ed25519"),
  /** ECDSA with P-256 and SHA-256, {@code ecdsa-p256-sha256}. */
  ECDSA_P256_SHA256("ecdsa-p256-sha256"),
  /** RSASSA-PSS with SHA-512, {@code rsa-pss-sha512}. */
  RSA_PSS_SHA512("rsa-pss-sha512");

  /** The shortest RSA modulus accepted, in bits. */
  private static final int MIN_RSA_BITS = 2048;

  private final String rfcName;

  SignatureAlgorithm(String rfcName) {
    this.rfcName = rfcName;
  }

  /** Returns the name RFC 9421 registers for this algorithm, such as {@code ed25519}. */
  public String rfcName() {
    return rfcName;
  }

  /** Returns the algorithm whose RFC 9421 name is {@code name}, ignoring case, if any. */
  public static Optional<SignatureAlgorithm> fromRfcName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (SignatureAlgorithm algorithm : values()) {
      if (algorithm.rfcName.equals(lower)) {
        return Optional.of(algorithm);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the algorithm that a public or private key of this type signs with: Ed25519 keys give
   * {@link #ED25519}, P-256 keys {@link #ECDSA_P256_SHA256} and RSA keys {@link #RSA_PSS_SHA512}.
   *
   * @throws IllegalArgumentException naming the key type if no supported algorithm fits
   */
  public static SignatureAlgorithm forKey(Key key) {
    String type = key.getAlgorithm().toUpperCase(Locale.ROOT);
    switch (type) {
      case "ED25519":
        return ED25519;
      case "EDDSA":
        // The JDK names Ed25519 and Ed448 keys alike "EdDSA", so the curve decides.
        if (key instanceof EdECKey && "Ed25519".equals(((EdECKey) key).getParams().getName())) {
          return ED25519;
        }
        throw unsupportedType(key);
      case "RSA":
      case "RSASSA-PSS":
        requireRsaLength(key);
        return RSA_PSS_SHA512;
      case "EC":
      case "ECDSA":
        if (key instanceof ECKey && isP256(((ECKey) key).getParams())) {
          return ECDSA_P256_SHA256;
        }
        throw new IllegalArgumentException(
            "unsupported EC key: expected a P-256 (secp256r1) key for ecdsa-p256-sha256");
      default:
        throw unsupportedType(key);
    }
  }

  private static void requireRsaLength(Key key) {
    if (key instanceof RSAKey) {
      int bits = ((RSAKey) key).getModulus().bitLength();
      if (bits < MIN_RSA_BITS) {
        throw new IllegalArgumentException(
            "the "
                + bits
                + "-bit RSA key is too short: use an RSA key of at least "
                + MIN_RSA_BITS
                + " bits, or an Ed25519 or P-256 key");
      }
    }
  }

  private static IllegalArgumentException unsupportedType(Key key) {
    String name = key.getAlgorithm();
    if (key instanceof EdECKey) {
      name = ((EdECKey) key).getParams().getName();
    }
    return new IllegalArgumentException(
        "unsupported key type '" + name + "': expected an Ed25519, P-256 or RSA key");
  }

  /**
   * Returns whether the parameters are those of P-256. Comparing the field size alone would also
   * let other 256-bit curves, such as secp256k1 or brainpoolP256r1, through.
   */
  private static boolean isP256(ECParameterSpec params) {
    ECParameterSpec p256 = P256Holder.PARAMETERS;
    return params.getCurve().equals(p256.getCurve())
        && params.getGenerator().equals(p256.getGenerator())
        && params.getOrder().equals(p256.getOrder())
        && params.getCofactor() == p256.getCofactor();
  }

  /** Looks up the P-256 parameters from the JDK on first use. */
  private static final class P256Holder {
    static final ECParameterSpec PARAMETERS = lookUp();

    private static ECParameterSpec lookUp() {
      try {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        return parameters.getParameterSpec(ECParameterSpec.class);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("the JDK lacks secp256r1, which Java 17 provides", e);
      }
    }
  }
}
