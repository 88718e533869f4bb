package io.agenttransport.tck.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
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
import org.jspecify.annotations.Nullable;

/**
 * Issues X.509 certificates with every field under the caller's control, for tests.
 *
 * <p>Defaults: an EC P-256 key, valid from one hour ago for thirty days, no extensions beyond the
 * key identifiers. {@link #ca(int)}, {@link #server()} and {@link #client()} set the usual
 * extensions for each role; every setter overrides them. A builder is not thread safe; the
 * certificates it returns are immutable.
 */
public final class CertificateBuilder {
  private static final SecureRandom RANDOM = new SecureRandom();

  private String subject = "CN=tck";
  private KeyType keyType = KeyType.EC_P256;
  private @Nullable KeyPair keyPair;
  private Instant notBefore = Instant.now().minus(1, ChronoUnit.HOURS);
  private Instant notAfter = Instant.now().plus(30, ChronoUnit.DAYS);
  private final List<GeneralName> subjectAltNames = new ArrayList<>();
  private @Nullable Set<KeyUsageBit> keyUsage;
  private @Nullable Set<ExtendedKeyUsage> extendedKeyUsage;
  private boolean basicConstraints;
  private boolean isCa;
  private int pathLength = -1;

  private CertificateBuilder() {}

  /** Returns a builder holding the defaults. */
  public static CertificateBuilder certificate() {
    return new CertificateBuilder();
  }

  /** Sets the subject distinguished name, such as {@code CN=agent-1,O=tck}. */
  public CertificateBuilder subject(String distinguishedName) {
    this.subject = Objects.requireNonNull(distinguishedName, "distinguishedName");
    return this;
  }

  /** Sets the type of the key generated for the certificate; default EC P-256. */
  public CertificateBuilder keyType(KeyType type) {
    this.keyType = Objects.requireNonNull(type, "type");
    return this;
  }

  /** Uses an existing key pair instead of generating one, so that keys can be shared. */
  public CertificateBuilder keyPair(KeyPair pair) {
    this.keyPair = Objects.requireNonNull(pair, "pair");
    this.keyType = KeyType.of(pair);
    return this;
  }

  /** Sets the validity period. */
  public CertificateBuilder validity(Instant from, Instant until) {
    this.notBefore = Objects.requireNonNull(from, "from");
    this.notAfter = Objects.requireNonNull(until, "until");
    return this;
  }

  /** Sets a validity period that ended {@code ago} ago, one day long. */
  public CertificateBuilder expired(Duration ago) {
    Instant end = Instant.now().minus(ago);
    return validity(end.minus(1, ChronoUnit.DAYS), end);
  }

  /** Sets a validity period that starts {@code in} from now, thirty days long. */
  public CertificateBuilder notYetValid(Duration in) {
    Instant start = Instant.now().plus(in);
    return validity(start, start.plus(30, ChronoUnit.DAYS));
  }

  /** Adds a DNS subject alternative name. */
  public CertificateBuilder dns(String name) {
    subjectAltNames.add(new GeneralName(GeneralName.dNSName, name));
    return this;
  }

  /** Adds an IP address subject alternative name, IPv4 or IPv6. */
  public CertificateBuilder ip(String address) {
    subjectAltNames.add(new GeneralName(GeneralName.iPAddress, address));
    return this;
  }

  /** Adds a URI subject alternative name, such as {@code spiffe://tck/core}. */
  public CertificateBuilder uri(String uri) {
    subjectAltNames.add(new GeneralName(GeneralName.uniformResourceIdentifier, uri));
    return this;
  }

  /** Sets the key usage extension, marked critical; an empty set omits it. */
  public CertificateBuilder keyUsage(Set<KeyUsageBit> bits) {
    this.keyUsage = bits.isEmpty() ? null : EnumSet.copyOf(bits);
    return this;
  }

  /** Sets the extended key usage extension; an empty set omits it. */
  public CertificateBuilder extendedKeyUsage(Set<ExtendedKeyUsage> usages) {
    this.extendedKeyUsage = usages.isEmpty() ? null : EnumSet.copyOf(usages);
    return this;
  }

  /**
   * Marks the certificate as a CA with basic constraints, key usage {@code keyCertSign} and {@code
   * cRLSign}.
   *
   * @param maxPathLength the path length constraint, or -1 for none
   */
  public CertificateBuilder ca(int maxPathLength) {
    this.basicConstraints = true;
    this.isCa = true;
    this.pathLength = maxPathLength;
    this.keyUsage = EnumSet.of(KeyUsageBit.KEY_CERT_SIGN, KeyUsageBit.CRL_SIGN);
    return this;
  }

  /** Sets basic constraints {@code cA=false}, as an end-entity certificate carries them. */
  public CertificateBuilder endEntity() {
    this.basicConstraints = true;
    this.isCa = false;
    this.pathLength = -1;
    return this;
  }

  /** Sets the usual extensions of a TLS server certificate. */
  public CertificateBuilder server() {
    endEntity();
    keyUsage = EnumSet.of(KeyUsageBit.DIGITAL_SIGNATURE, KeyUsageBit.KEY_ENCIPHERMENT);
    extendedKeyUsage = EnumSet.of(ExtendedKeyUsage.SERVER_AUTH);
    return this;
  }

  /** Sets the usual extensions of a TLS client certificate. */
  public CertificateBuilder client() {
    endEntity();
    keyUsage = EnumSet.of(KeyUsageBit.DIGITAL_SIGNATURE, KeyUsageBit.KEY_ENCIPHERMENT);
    extendedKeyUsage = EnumSet.of(ExtendedKeyUsage.CLIENT_AUTH);
    return this;
  }

  /** Issues a self-signed certificate. */
  public IssuedCertificate selfSigned() {
    KeyPair pair = keyPair();
    X509Certificate certificate = sign(pair, new X500Name(subject), pair, keyType);
    return new IssuedCertificate(pair, List.of(certificate));
  }

  /**
   * Issues a certificate signed by {@code issuer}. The chain holds the new certificate followed by
   * the issuer's chain without its root, as a TLS peer sends it.
   */
  public IssuedCertificate issuedBy(IssuedCertificate issuer) {
    Objects.requireNonNull(issuer, "issuer");
    KeyPair pair = keyPair();
    X500Name issuerName =
        X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
    X509Certificate certificate =
        sign(pair, issuerName, issuer.keyPair(), KeyType.of(issuer.keyPair()));
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(certificate);
    List<X509Certificate> issuerChain = issuer.chain();
    boolean issuerIsRoot = issuerChain.size() == 1 && isSelfIssued(issuer.certificate());
    if (!issuerIsRoot) {
      chain.addAll(
          issuerChain.subList(0, issuerChain.size() - (isSelfIssued(last(issuerChain)) ? 1 : 0)));
    }
    return new IssuedCertificate(pair, chain);
  }

  private KeyPair keyPair() {
    return keyPair != null ? keyPair : keyType.generate();
  }

  private X509Certificate sign(
      KeyPair subjectPair, X500Name issuerName, KeyPair issuerPair, KeyType issuerType) {
    try {
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              issuerName,
              new BigInteger(64, RANDOM).add(BigInteger.ONE),
              Date.from(notBefore),
              Date.from(notAfter),
              new X500Name(subject),
              subjectPair.getPublic());
      addExtensions(builder, subjectPair, issuerPair);
      ContentSigner signer =
          new JcaContentSignerBuilder(issuerType.certificateSignatureAlgorithm())
              .build(issuerPair.getPrivate());
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
      throw new IllegalStateException("cannot issue a certificate for " + subject, e);
    }
  }

  private void addExtensions(
      X509v3CertificateBuilder builder, KeyPair subjectPair, KeyPair issuerPair)
      throws GeneralSecurityException, CertIOException {
    JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
    builder.addExtension(
        Extension.subjectKeyIdentifier,
        false,
        utils.createSubjectKeyIdentifier(subjectPair.getPublic()));
    builder.addExtension(
        Extension.authorityKeyIdentifier,
        false,
        utils.createAuthorityKeyIdentifier(issuerPair.getPublic()));
    if (basicConstraints) {
      BasicConstraints constraints =
          isCa && pathLength >= 0 ? new BasicConstraints(pathLength) : new BasicConstraints(isCa);
      builder.addExtension(Extension.basicConstraints, true, constraints);
    }
    if (keyUsage != null) {
      int mask = 0;
      for (KeyUsageBit bit : keyUsage) {
        mask |= bit.mask();
      }
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(mask));
    }
    if (extendedKeyUsage != null) {
      KeyPurposeId[] purposes =
          extendedKeyUsage.stream().map(ExtendedKeyUsage::purpose).toArray(KeyPurposeId[]::new);
      builder.addExtension(
          Extension.extendedKeyUsage,
          false,
          new org.bouncycastle.asn1.x509.ExtendedKeyUsage(purposes));
    }
    if (!subjectAltNames.isEmpty()) {
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(subjectAltNames.toArray(GeneralName[]::new)));
    }
  }

  private static boolean isSelfIssued(X509Certificate certificate) {
    return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
  }

  private static X509Certificate last(List<X509Certificate> chain) {
    return chain.get(chain.size() - 1);
  }
}
