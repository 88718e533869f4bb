/**
 * A certificate factory built on Bouncy Castle that can set every field the security cases vary:
 * subject, subject alternative names, validity dates, key usage, extended key usage, basic
 * constraints and path length, for RSA, EC P-256 and Ed25519 keys. {@link
 * io.agenttransport.tck.pki.CertificateBuilder} issues certificates and {@link
 * io.agenttransport.tck.pki.IssuedCertificate} writes them as PEM files.
 */
@NullMarked
package io.agenttransport.tck.pki;

import org.jspecify.annotations.NullMarked;
