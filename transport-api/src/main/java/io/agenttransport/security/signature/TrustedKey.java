package io.agenttransport.security.signature;

import java.security.PublicKey;
import java.util.Objects;

/**
 * One of core's public keys that an agent trusts, with the algorithm pinned for it.
 *
 * @param keyId the key id core signs with
 * @param key the public key
 * @param algorithm the only algorithm accepted for this key id
 */
public record TrustedKey(String keyId, PublicKey key, SignatureAlgorithm algorithm) {
  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if the key type does not fit the algorithm
   */
  public TrustedKey {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(algorithm, "algorithm");
    SignatureAlgorithm fitting = SignatureAlgorithm.forKey(key);
    if (fitting != algorithm) {
      throw new IllegalArgumentException(
          "algorithm "
              + algorithm.rfcName()
              + " does not fit the "
              + key.getAlgorithm()
              + " key of key id '"
              + keyId
              + "': expected "
              + fitting.rfcName());
    }
  }

  /** Returns the key id and algorithm; the key itself is left out. */
  @Override
  public String toString() {
    return "TrustedKey[keyId=" + keyId + ", algorithm=" + algorithm.rfcName() + "]";
  }
}
