package io.agenttransport.security.signature;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.jspecify.annotations.Nullable;

/**
 * Signs and verifies signature bases with the algorithms of {@link SignatureAlgorithm}, in the
 * encodings RFC 9421 section 3.3 prescribes. ECDSA signatures travel as raw {@code r || s} (64
 * bytes), not DER.
 *
 * <p>Ed25519 runs on Bouncy Castle's lightweight implementation rather than the JDK 17 provider,
 * because it is several times faster: {@code transport-bench} compares the two in its sign and
 * verify figures.
 */
final class Signatures {
  private static final int P256_SCALAR_BYTES = 32;
  private static final PSSParameterSpec PSS_SHA512 =
      new PSSParameterSpec("SHA-512", "MGF1", MGF1ParameterSpec.SHA512, 64, 1);

  private Signatures() {}

  /** Signs {@code data} with {@code key}, returning the signature in RFC 9421's encoding. */
  static byte[] sign(SignatureAlgorithm algorithm, PrivateKey key, byte[] data)
      throws GeneralSecurityException {
    return signingKey(algorithm, key).sign(data);
  }

  /** Returns whether {@code signature}, in RFC 9421's encoding, verifies over {@code data}. */
  static boolean verify(SignatureAlgorithm algorithm, PublicKey key, byte[] data, byte[] signature)
      throws GeneralSecurityException {
    return verifyingKey(algorithm, key).verify(data, signature);
  }

  /**
   * Returns {@code key} ready to sign many times. An Ed25519 key is read into Bouncy Castle's form
   * here, once, rather than on every signature.
   *
   * @throws InvalidKeyException if an Ed25519 key cannot be read
   */
  static SigningKey signingKey(SignatureAlgorithm algorithm, PrivateKey key)
      throws InvalidKeyException {
    return new SigningKey(
        algorithm, key, algorithm == SignatureAlgorithm.ED25519 ? privateParameters(key) : null);
  }

  /**
   * Returns {@code key} ready to verify many times. An Ed25519 key is read into Bouncy Castle's
   * form here, once, rather than on every verification.
   *
   * @throws InvalidKeyException if an Ed25519 key cannot be read
   */
  static VerifyingKey verifyingKey(SignatureAlgorithm algorithm, PublicKey key)
      throws InvalidKeyException {
    return new VerifyingKey(
        algorithm, key, algorithm == SignatureAlgorithm.ED25519 ? publicParameters(key) : null);
  }

  /** A private key with its algorithm, read once into the form that signs fastest. */
  static final class SigningKey {
    private final SignatureAlgorithm algorithm;
    private final PrivateKey key;
    private final @Nullable AsymmetricKeyParameter ed25519;

    private SigningKey(
        SignatureAlgorithm algorithm, PrivateKey key, @Nullable AsymmetricKeyParameter ed25519) {
      this.algorithm = algorithm;
      this.key = key;
      this.ed25519 = ed25519;
    }

    /** Signs {@code data}, returning the signature in RFC 9421's encoding. */
    byte[] sign(byte[] data) throws GeneralSecurityException {
      switch (algorithm) {
        case ED25519:
          return signEd25519(Objects.requireNonNull(ed25519), data);
        case ECDSA_P256_SHA256:
          return derToRaw(jdkSign("SHA256withECDSA", null, key, data), order(key));
        case RSA_PSS_SHA512:
          return jdkSign("RSASSA-PSS", PSS_SHA512, key, data);
        default:
          throw new IllegalStateException("unhandled algorithm " + algorithm);
      }
    }

    /** Returns the algorithm only; the key stays out of logs. */
    @Override
    public String toString() {
      return "SigningKey[" + algorithm.rfcName() + "]";
    }
  }

  /** A public key with its algorithm, read once into the form that verifies fastest. */
  static final class VerifyingKey {
    private final SignatureAlgorithm algorithm;
    private final PublicKey key;
    private final @Nullable AsymmetricKeyParameter ed25519;

    private VerifyingKey(
        SignatureAlgorithm algorithm, PublicKey key, @Nullable AsymmetricKeyParameter ed25519) {
      this.algorithm = algorithm;
      this.key = key;
      this.ed25519 = ed25519;
    }

    /** Returns whether {@code signature}, in RFC 9421's encoding, verifies over {@code data}. */
    boolean verify(byte[] data, byte[] signature) throws GeneralSecurityException {
      switch (algorithm) {
        case ED25519:
          return verifyEd25519(Objects.requireNonNull(ed25519), data, signature);
        case ECDSA_P256_SHA256:
          byte[] der = rawToDer(signature, order(key));
          return der != null && jdkVerify("SHA256withECDSA", null, key, data, der);
        case RSA_PSS_SHA512:
          return jdkVerify("RSASSA-PSS", PSS_SHA512, key, data, signature);
        default:
          throw new IllegalStateException("unhandled algorithm " + algorithm);
      }
    }

    @Override
    public String toString() {
      return "VerifyingKey[" + algorithm.rfcName() + "]";
    }
  }

  /**
   * Converts a DER ECDSA signature to the fixed-length {@code r || s} form of RFC 9421 section
   * 3.3.4.
   */
  static byte[] derToRaw(byte[] der, BigInteger order) {
    try {
      BigInteger[] rs = StandardDSAEncoding.INSTANCE.decode(order, der);
      return PlainDSAEncoding.INSTANCE.encode(order, rs[0], rs[1]);
    } catch (IOException e) {
      throw new IllegalArgumentException("invalid DER ECDSA signature", e);
    }
  }

  /**
   * Converts an {@code r || s} ECDSA signature to DER, or returns {@code null} if it has the wrong
   * length or r or s is zero or not below the group order.
   */
  static byte @Nullable [] rawToDer(byte[] raw, BigInteger order) {
    if (raw.length != 2 * P256_SCALAR_BYTES) {
      return null;
    }
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(raw, 0, P256_SCALAR_BYTES));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(raw, P256_SCALAR_BYTES, raw.length));
    if (!inRange(r, order) || !inRange(s, order)) {
      return null;
    }
    try {
      return StandardDSAEncoding.INSTANCE.encode(order, r, s);
    } catch (IOException e) {
      return null;
    }
  }

  private static boolean inRange(BigInteger value, BigInteger order) {
    return value.signum() > 0 && value.compareTo(order) < 0;
  }

  private static BigInteger order(Key key) throws InvalidKeyException {
    if (!(key instanceof ECKey)) {
      throw new InvalidKeyException("ecdsa-p256-sha256 needs an EC key, got " + key.getAlgorithm());
    }
    ECParameterSpec params = ((ECKey) key).getParams();
    return params.getOrder();
  }

  private static byte[] signEd25519(AsymmetricKeyParameter key, byte[] data) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, key);
    signer.update(data, 0, data.length);
    return signer.generateSignature();
  }

  private static boolean verifyEd25519(AsymmetricKeyParameter key, byte[] data, byte[] signature) {
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, key);
    verifier.update(data, 0, data.length);
    return verifier.verifySignature(signature);
  }

  private static AsymmetricKeyParameter privateParameters(PrivateKey key)
      throws InvalidKeyException {
    try {
      return PrivateKeyFactory.createKey(key.getEncoded());
    } catch (IOException | RuntimeException e) {
      throw new InvalidKeyException("cannot read the Ed25519 private key", e);
    }
  }

  private static AsymmetricKeyParameter publicParameters(PublicKey key) throws InvalidKeyException {
    try {
      return PublicKeyFactory.createKey(key.getEncoded());
    } catch (IOException | RuntimeException e) {
      throw new InvalidKeyException("cannot read the Ed25519 public key", e);
    }
  }

  private static byte[] jdkSign(
      String name, @Nullable PSSParameterSpec params, PrivateKey key, byte[] data)
      throws GeneralSecurityException {
    Signature signature = Signature.getInstance(name);
    if (params != null) {
      signature.setParameter(params);
    }
    signature.initSign(key);
    signature.update(data);
    return signature.sign();
  }

  private static boolean jdkVerify(
      String name, @Nullable PSSParameterSpec params, PublicKey key, byte[] data, byte[] value)
      throws GeneralSecurityException {
    Signature signature = Signature.getInstance(name);
    if (params != null) {
      signature.setParameter(params);
    }
    signature.initVerify(key);
    signature.update(data);
    try {
      return signature.verify(value);
    } catch (SignatureException e) {
      return false;
    }
  }
}
