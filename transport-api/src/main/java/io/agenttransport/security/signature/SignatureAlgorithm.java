package io.agenttransport.security.signature;

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

  private final String rfcName;

  SignatureAlgorithm(String rfcName) {
    this.rfcName = rfcName;
  }

  /** Returns the name RFC 9421 registers for this algorithm, such as {@code ed25519}. */
  public String rfcName() {
    return rfcName;
  }
}
