package io.agenttransport.bench.support;

import io.agenttransport.security.signature.SignatureAlgorithm;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.jspecify.annotations.Nullable;

/**
 * A signature by hand over a request body, for the raw signed baseline: the same implementations
 * the framework uses (the JDK's ECDSA, Bouncy Castle's Ed25519), and nothing else. There is no
 * signature base, nonce, digest or replay check.
 */
public final class RawSignature {
  /** The request header that carries the signature, in Base64. */
  public static final String HEADER = "Bench-Signature";

  private final SignatureAlgorithm algorithm;
  private final KeyPair keys;
  private final @Nullable AsymmetricKeyParameter ed25519Private;
  private final @Nullable AsymmetricKeyParameter ed25519Public;

  /**
   * Creates a signer and verifier with a new key pair.
   *
   * @throws IllegalArgumentException for {@code rsa-pss-sha512}, which the baseline does not sign
   */
  public RawSignature(SignatureAlgorithm algorithm) {
    if (algorithm == SignatureAlgorithm.RSA_PSS_SHA512) {
      throw new IllegalArgumentException(
          "the raw signed baseline supports ed25519 and ecdsa-p256-sha256, not rsa-pss-sha512");
    }
    this.algorithm = algorithm;
    this.keys = BenchPki.newSigningKeyPair(algorithm);
    if (algorithm == SignatureAlgorithm.ED25519) {
      try {
        ed25519Private = PrivateKeyFactory.createKey(keys.getPrivate().getEncoded());
        ed25519Public = PublicKeyFactory.createKey(keys.getPublic().getEncoded());
      } catch (IOException e) {
        throw new IllegalStateException("cannot read the new Ed25519 key pair", e);
      }
    } else {
      ed25519Private = null;
      ed25519Public = null;
    }
  }

  /** Signs {@code data}. */
  public byte[] sign(byte[] data) {
    if (algorithm == SignatureAlgorithm.ED25519) {
      Ed25519Signer signer = new Ed25519Signer();
      signer.init(true, ed25519Private);
      signer.update(data, 0, data.length);
      return signer.generateSignature();
    }
    try {
      Signature signer = Signature.getInstance("SHA256withECDSA");
      signer.initSign(keys.getPrivate());
      signer.update(data);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ECDSA signing failed", e);
    }
  }

  /** Returns whether {@code signature} verifies over {@code data}. */
  public boolean verify(byte[] data, byte[] signature) {
    if (algorithm == SignatureAlgorithm.ED25519) {
      Ed25519Signer verifier = new Ed25519Signer();
      verifier.init(false, ed25519Public);
      verifier.update(data, 0, data.length);
      return verifier.verifySignature(signature);
    }
    try {
      Signature verifier = Signature.getInstance("SHA256withECDSA");
      verifier.initVerify(keys.getPublic());
      verifier.update(data);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
