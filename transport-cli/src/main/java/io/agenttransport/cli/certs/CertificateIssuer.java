package io.agenttransport.cli.certs;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues a self-signed CA, agents' server certificates and core's client certificate with Bouncy
 * Castle.
 *
 * <p>The CA may sign leaf certificates only (path length 0). Server certificates carry their host
 * names and IP addresses as subject alternative names and allow only server authentication. Core's
 * certificate carries its identity as a URI subject alternative name and as the common name, and
 * allows only client authentication, so that an agent's certificate can never pass as core's.
 */
public final class CertificateIssuer {
  /** How far back certificates are dated, so that small clock differences do not reject them. */
  private static final Duration BACKDATE = Duration.ofMinutes(5);

  private final KeyType keyType;
  private final Duration validity;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /**
   * Creates an issuer.
   *
   * @param keyType the type of every key generated
   * @param validity how long each certificate is valid
   * @param clock the clock that dates the certificates
   */
  public CertificateIssuer(KeyType keyType, Duration validity, Clock clock) {
    this.keyType = Objects.requireNonNull(keyType, "keyType");
    this.validity = Objects.requireNonNull(validity, "validity");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (validity.isNegative() || validity.isZero()) {
      throw new IllegalArgumentException("invalid validity " + validity + ": expected > 0");
    }
  }

  /** Returns the type of the keys this issuer generates. */
  public KeyType keyType() {
    return keyType;
  }

  /** Issues a self-signed CA certificate named {@code commonName}. */
  public IssuedCertificate issueCa(String commonName) {
    KeyPair keyPair = keyType.generate();
    X500Name name = name(commonName);
    X509v3CertificateBuilder builder = builder(name, name, keyPair.getPublic());
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      builder.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          utils.createSubjectKeyIdentifier(keyPair.getPublic()));
    } catch (CertIOException | GeneralSecurityException e) {
      throw new IllegalStateException("failed to build the CA certificate " + commonName, e);
    }
    return new IssuedCertificate(sign(builder, keyPair), keyPair);
  }

  /**
   * Issues an agent's server certificate.
   *
   * @param ca the CA that signs it
   * @param commonName the subject common name, such as the agent's name
   * @param hosts the DNS names and IP literals written as subject alternative names; at least one
   */
  public IssuedCertificate issueServer(
      IssuedCertificate ca, String commonName, List<String> hosts) {
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException(
          "server certificate " + commonName + " needs at least one DNS name or IP address");
    }
    List<GeneralName> names = new ArrayList<>();
    for (String host : hosts) {
      names.add(HostNames.toGeneralName(host));
    }
    int usage =
        keyType == KeyType.RSA
            ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment
            : KeyUsage.digitalSignature;
    return issueLeaf(ca, commonName, names, usage, KeyPurposeId.id_kp_serverAuth);
  }

  /**
   * Issues core's client certificate.
   *
   * @param ca the CA that signs it
   * @param commonName the subject common name, core's CN identity
   * @param uriIdentity core's URI identity, such as {@code spiffe://agent-transport/core}
   */
  public IssuedCertificate issueClient(
      IssuedCertificate ca, String commonName, String uriIdentity) {
    List<GeneralName> names =
        List.of(new GeneralName(GeneralName.uniformResourceIdentifier, uriIdentity));
    return issueLeaf(
        ca, commonName, names, KeyUsage.digitalSignature, KeyPurposeId.id_kp_clientAuth);
  }

  private IssuedCertificate issueLeaf(
      IssuedCertificate ca,
      String commonName,
      List<GeneralName> names,
      int keyUsage,
      KeyPurposeId purpose) {
    KeyPair keyPair = keyType.generate();
    X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
    X509v3CertificateBuilder builder = builder(issuer, name(commonName), keyPair.getPublic());
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(names.toArray(GeneralName[]::new)));
      builder.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          utils.createSubjectKeyIdentifier(keyPair.getPublic()));
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          utils.createAuthorityKeyIdentifier(ca.certificate()));
    } catch (CertIOException | GeneralSecurityException e) {
      throw new IllegalStateException("failed to build the certificate " + commonName, e);
    }
    return new IssuedCertificate(sign(builder, ca.keyPair()), keyPair);
  }

  private X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key) {
    Instant now = clock.instant();
    BigInteger serial = new BigInteger(127, random).add(BigInteger.ONE);
    return new JcaX509v3CertificateBuilder(
        issuer,
        serial,
        Date.from(now.minus(BACKDATE)),
        Date.from(now.plus(validity)),
        subject,
        key);
  }

  private X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signerKeys) {
    try {
      ContentSigner signer =
          new JcaContentSignerBuilder(keyType.signatureAlgorithm()).build(signerKeys.getPrivate());
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException("failed to sign a certificate with a " + keyType + " key", e);
    }
  }

  private static X500Name name(String commonName) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, "Agent Transports")
        .addRDN(BCStyle.CN, commonName)
        .build();
  }
}
