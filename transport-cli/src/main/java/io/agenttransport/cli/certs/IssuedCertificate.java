package io.agenttransport.cli.certs;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A certificate together with the key pair it was issued for.
 *
 * @param certificate the certificate
 * @param keyPair the certificate's key pair
 */
public record IssuedCertificate(X509Certificate certificate, KeyPair keyPair) {
  /** Validates the components. */
  public IssuedCertificate {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(keyPair, "keyPair");
  }

  /** Returns the private key. */
  public PrivateKey privateKey() {
    return keyPair.getPrivate();
  }

  /** Returns a fixed description: the key pair is never shown. */
  @Override
  public String toString() {
    return "IssuedCertificate[" + certificate.getSubjectX500Principal().getName() + "]";
  }
}
