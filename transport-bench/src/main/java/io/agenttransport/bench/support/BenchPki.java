package io.agenttransport.bench.support;

import io.agenttransport.security.signature.SignatureAlgorithm;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
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
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * An in-memory certificate authority for benchmarks: one EC P-256 CA that signs core's client
 * certificate and one server certificate per agent, the way a deployment sets them up.
 *
 * <p>Certificates are valid from one hour ago for one day, which covers any benchmark run.
 */
public final class BenchPki {
  /** The identity that core's certificate carries as a URI subject alternative name. */
  public static final String CORE_IDENTITY = "spiffe://bench.agenttransport.io/core";

  private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  private final KeyPair caKeys;
  private final X509Certificate caCertificate;

  /** A private key with its certificate chain, leaf first. */
  public record Identity(PrivateKey key, List<X509Certificate> chain) {
    /** Returns the leaf certificate. */
    public X509Certificate certificate() {
      return chain.get(0);
    }
  }

  private BenchPki(KeyPair caKeys, X509Certificate caCertificate) {
    this.caKeys = caKeys;
    this.caCertificate = caCertificate;
  }

  /** Creates a new CA with a fresh EC P-256 key. */
  public static BenchPki create() {
    KeyPair keys = newEcKeyPair();
    X500Name name = new X500Name("CN=Agent Transports benchmark CA");
    try {
      X509v3CertificateBuilder builder = builder(name, name, keys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      return new BenchPki(keys, sign(builder, keys.getPrivate()));
    } catch (CertIOException e) {
      throw new IllegalStateException("cannot build the CA certificate", e);
    }
  }

  /** Returns the CA certificate, the one trust anchor of core and agents. */
  public X509Certificate caCertificate() {
    return caCertificate;
  }

  /** Issues core's client certificate, carrying {@link #CORE_IDENTITY}. */
  public Identity issueCore() {
    KeyPair keys = newEcKeyPair();
    GeneralNames names =
        new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, CORE_IDENTITY));
    X509Certificate leaf =
        issueLeaf("CN=core", keys.getPublic(), names, KeyPurposeId.id_kp_clientAuth);
    return new Identity(keys.getPrivate(), List.of(leaf, caCertificate));
  }

  /** Issues an agent's server certificate for the IP address {@code ip}. */
  public Identity issueAgent(String name, String ip) {
    KeyPair keys = newEcKeyPair();
    GeneralNames names = new GeneralNames(new GeneralName(GeneralName.iPAddress, ip));
    X509Certificate leaf =
        issueLeaf("CN=" + name, keys.getPublic(), names, KeyPurposeId.id_kp_serverAuth);
    return new Identity(keys.getPrivate(), List.of(leaf, caCertificate));
  }

  /**
   * Returns the algorithm whose RFC 9421 name is {@code name}.
   *
   * @throws IllegalArgumentException if no algorithm has that name
   */
  public static SignatureAlgorithm algorithm(String name) {
    return SignatureAlgorithm.fromRfcName(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown signature algorithm '"
                        + name
                        + "': expected ed25519, ecdsa-p256-sha256 or rsa-pss-sha512"));
  }

  /** Returns a new key pair for {@code algorithm}; RSA keys have 2048 bits. */
  public static KeyPair newSigningKeyPair(SignatureAlgorithm algorithm) {
    try {
      return switch (algorithm) {
        case ED25519 -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        case ECDSA_P256_SHA256 -> newEcKeyPair();
        case RSA_PSS_SHA512 -> {
          KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
          generator.initialize(2048);
          yield generator.generateKeyPair();
        }
      };
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot create a " + algorithm.rfcName() + " key pair", e);
    }
  }

  /** Returns a new EC P-256 key pair. */
  public static KeyPair newEcKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC P-256 is not available in this JDK", e);
    }
  }

  private X509Certificate issueLeaf(
      String subject, PublicKey key, GeneralNames names, KeyPurposeId purpose) {
    try {
      X509v3CertificateBuilder builder =
          builder(
              X500Name.getInstance(caCertificate.getSubjectX500Principal().getEncoded()),
              new X500Name(subject),
              key);
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
      builder.addExtension(Extension.subjectAlternativeName, false, names);
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          utils.createAuthorityKeyIdentifier(caCertificate));
      return sign(builder, caKeys.getPrivate());
    } catch (CertIOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot issue a certificate for " + subject, e);
    }
  }

  private static X509v3CertificateBuilder builder(
      X500Name issuer, X500Name subject, PublicKey key) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
        issuer,
        BigInteger.valueOf(SERIAL.incrementAndGet()),
        Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(Duration.ofDays(1))),
        subject,
        key);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(key)));
    } catch (OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a certificate", e);
    }
  }
}
