package io.agenttransport.security.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.math.ec.ECPoint;
import org.jspecify.annotations.Nullable;

/** Recovers the named curve of an EC private key whose encoding leaves the curve out. */
final class EcCurves {
  private EcCurves() {}

  /**
   * Returns {@code info} with the named curve of the first public key whose point is the private
   * scalar times that curve's generator, or {@code null} if none is. The point check makes sure a
   * certificate of another key never lends its curve.
   */
  static @Nullable PrivateKeyInfo withCurveOfMatchingKey(
      PrivateKeyInfo info, List<SubjectPublicKeyInfo> publicKeys) {
    ECPrivateKey sec1;
    try {
      sec1 = ECPrivateKey.getInstance(info.parsePrivateKey());
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
    BigInteger scalar = sec1.getKey();
    for (SubjectPublicKeyInfo publicKey : publicKeys) {
      ASN1ObjectIdentifier curve = namedCurve(publicKey);
      if (curve != null && isPublicPoint(scalar, curve, publicKey)) {
        AlgorithmIdentifier algorithm =
            new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve);
        try {
          return new PrivateKeyInfo(algorithm, sec1);
        } catch (IOException e) {
          return null;
        }
      }
    }
    return null;
  }

  private static @Nullable ASN1ObjectIdentifier namedCurve(SubjectPublicKeyInfo publicKey) {
    AlgorithmIdentifier algorithm = publicKey.getAlgorithm();
    if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())
        && algorithm.getParameters() instanceof ASN1ObjectIdentifier curve) {
      return curve;
    }
    return null;
  }

  private static boolean isPublicPoint(
      BigInteger scalar, ASN1ObjectIdentifier curve, SubjectPublicKeyInfo publicKey) {
    X9ECParameters parameters = ECNamedCurveTable.getByOID(curve);
    if (parameters == null || scalar.signum() <= 0 || scalar.compareTo(parameters.getN()) >= 0) {
      return false;
    }
    try {
      ECPoint expected = parameters.getCurve().decodePoint(publicKey.getPublicKeyData().getBytes());
      return parameters.getG().multiply(scalar).equals(expected);
    } catch (IllegalArgumentException e) {
      // The certificate's public key is not a point on its curve.
      return false;
    }
  }
}
