package io.agenttransport.tck.pki;

import org.bouncycastle.asn1.x509.KeyPurposeId;

/** The extended key usages of RFC 5280 section 4.2.1.12 that TCK certificates set. */
public enum ExtendedKeyUsage {
  /** {@code id-kp-serverAuth}: the certificate may identify a TLS server. */
  SERVER_AUTH(KeyPurposeId.id_kp_serverAuth),
  /** {@code id-kp-clientAuth}: the certificate may identify a TLS client. */
  CLIENT_AUTH(KeyPurposeId.id_kp_clientAuth),
  /** {@code id-kp-codeSigning}, neither client nor server. */
  CODE_SIGNING(KeyPurposeId.id_kp_codeSigning);

  private final KeyPurposeId purpose;

  ExtendedKeyUsage(KeyPurposeId purpose) {
    this.purpose = purpose;
  }

  KeyPurposeId purpose() {
    return purpose;
  }
}
