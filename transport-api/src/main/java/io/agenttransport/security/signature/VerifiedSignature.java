package io.agenttransport.security.signature;

import java.util.Objects;

/**
 * The parameters of a request signature that {@link SignatureVerifier} verified. The replay window
 * and the nonce still have to be checked.
 *
 * @param keyId the {@code keyid} parameter, a trusted key id
 * @param nonce the {@code nonce} parameter
 * @param created the {@code created} parameter, in seconds since the epoch
 * @param expires the {@code expires} parameter, in seconds since the epoch
 * @param authority the {@code @authority} component that the signature covers
 */
public record VerifiedSignature(
    String keyId, String nonce, long created, long expires, String authority) {
  /** Validates the components. */
  public VerifiedSignature {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(authority, "authority");
  }
}
