package io.agenttransport.tck.pki;

import org.bouncycastle.asn1.x509.KeyUsage;

/** The key usage bits of RFC 5280 section 4.2.1.3 that TCK certificates set. */
public enum KeyUsageBit {
  /** {@code digitalSignature}. */
  DIGITAL_SIGNATURE(KeyUsage.digitalSignature),
  /** {@code keyEncipherment}. */
  KEY_ENCIPHERMENT(KeyUsage.keyEncipherment),
  /** {@code keyAgreement}. */
  KEY_AGREEMENT(KeyUsage.keyAgreement),
  /** {@code keyCertSign}. */
  KEY_CERT_SIGN(KeyUsage.keyCertSign),
  /** {@code cRLSign}. */
  CRL_SIGN(KeyUsage.cRLSign);

  private final int mask;

  KeyUsageBit(int mask) {
    this.mask = mask;
  }

  int mask() {
    return mask;
  }
}
