package io.agenttransport.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jspecify.annotations.Nullable;

/**
 * A small certificate factory for tests, on Bouncy Castle: CAs, intermediates and leaves with any
 * subject alternative names, validity, key usage, extended key usage, basic constraints and path
 * length, on RSA, EC P-256 or Ed25519 keys.
 */
public final class TestPki {
  private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

  private TestPki() {}

  /** Key algorithms for generated certificates. */
  public enum KeyType {
    /** RSA 2048. */
    RSA,
    /** ECDSA on NIST P-256. */
    EC_P256,
    /** Ed25519. */
    ED25519
  }

  /** A certificate, its key pair and the chain to present with it, leaf first, root excluded. */
  public record Issued(KeyPair keyPair, X509Certificate certificate, List<X509Certificate> chain) {
    /** Returns the private key. */
    public PrivateKey privateKey() {
      return keyPair.getPrivate();
    }
  }

  /** Starts a self-signed root CA without a path length constraint. */
  public static Builder rootCa(String commonName) {
    return new Builder(commonName).ca(null);
  }

  /** Starts a certificate with the given subject common name. */
  public static Builder certificate(String commonName) {
    return new Builder(commonName);
  }

  /** Generates a key pair of the type. */
  public static KeyPair generateKeyPair(KeyType type) {
    try {
      return switch (type) {
        case RSA -> {
          KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
          generator.initialize(2048);
          yield generator.generateKeyPair();
        }
        case EC_P256 -> {
          KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
          generator.initialize(new ECGenParameterSpec("secp256r1"));
          yield generator.generateKeyPair();
        }
        case ED25519 -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      };
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a " + type + " key pair", e);
    }
  }

  /** Writes the objects (keys as PKCS#8, certificates) to a PEM file, in order. */
  public static Path writePem(Path file, Object... objects) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      for (Object object : objects) {
        if (object instanceof PrivateKey key) {
          writer.writeObject(new JcaPKCS8Generator(key, null));
        } else {
          writer.writeObject(object);
        }
      }
    }
    return Files.writeString(file, text.toString());
  }

  /** Writes a private key as encrypted PKCS#8 (PBES2 with AES-256-CBC) to a PEM file. */
  public static Path writeEncryptedKey(Path file, PrivateKey key, String password)
      throws IOException {
    try {
      OutputEncryptor encryptor =
          new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
              .setProvider(new BouncyCastleProvider())
              .setPassword(password.toCharArray())
              .build();
      return writePem(file, new JcaPKCS8Generator(key, encryptor));
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("cannot encrypt the key", e);
    }
  }

  /** A builder of one certificate. */
  public static final class Builder {
    private final String commonName;
    private @Nullable Issued issuer;
    private KeyType keyType = KeyType.EC_P256;
    private Instant notBefore = Instant.now().minus(Duration.ofHours(1));
    private Instant notAfter = Instant.now().plus(Duration.ofDays(1));
    private final List<GeneralName> alternativeNames = new ArrayList<>();
    private final List<KeyPurposeId> extendedKeyUsages = new ArrayList<>();
    private boolean ca;
    private @Nullable Integer pathLength;
    private @Nullable Integer keyUsage;

    private Builder(String commonName) {
      this.commonName = commonName;
    }

    /** Signs with this issuer instead of self-signing. */
    public Builder issuer(Issued value) {
      issuer = value;
      return this;
    }

    /** Sets the key type; default EC P-256. */
    public Builder keyType(KeyType value) {
      keyType = value;
      return this;
    }

    /** Sets the validity window; default from an hour ago to a day from now. */
    public Builder validity(Instant from, Instant to) {
      notBefore = from;
      notAfter = to;
      return this;
    }

    /** Adds DNS subject alternative names. */
    public Builder dns(String... names) {
      for (String name : names) {
        alternativeNames.add(new GeneralName(GeneralName.dNSName, name));
      }
      return this;
    }

    /** Adds IP address subject alternative names. */
    public Builder ip(String... addresses) {
      for (String address : addresses) {
        alternativeNames.add(new GeneralName(GeneralName.iPAddress, address));
      }
      return this;
    }

    /** Adds URI subject alternative names. */
    public Builder uri(String... uris) {
      for (String uri : uris) {
        alternativeNames.add(new GeneralName(GeneralName.uniformResourceIdentifier, uri));
      }
      return this;
    }

    /** Adds the serverAuth extended key usage. */
    public Builder serverAuth() {
      extendedKeyUsages.add(KeyPurposeId.id_kp_serverAuth);
      return this;
    }

    /** Adds the clientAuth extended key usage. */
    public Builder clientAuth() {
      extendedKeyUsages.add(KeyPurposeId.id_kp_clientAuth);
      return this;
    }

    /** Makes the certificate a CA, with a path length constraint or none for {@code null}. */
    public Builder ca(@Nullable Integer maxPathLength) {
      ca = true;
      pathLength = maxPathLength;
      return this;
    }

    /**
     * Sets the key usage bits, such as {@code KeyUsage.digitalSignature}; default keyCertSign and
     * cRLSign for CAs, digitalSignature for others.
     */
    public Builder keyUsage(int bits) {
      keyUsage = bits;
      return this;
    }

    /** Generates the key pair and signs the certificate. */
    public Issued build() {
      KeyPair keyPair = generateKeyPair(keyType);
      X500Name subject = new X500Name("CN=" + commonName);
      X500Name issuerName =
          issuer == null
              ? subject
              : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
      PrivateKey signingKey = issuer == null ? keyPair.getPrivate() : issuer.privateKey();
      try {
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder =
            new JcaX509v3CertificateBuilder(
                issuerName,
                BigInteger.valueOf(SERIALS.incrementAndGet()),
                Date.from(notBefore),
                Date.from(notAfter),
                subject,
                keyPair.getPublic());
        builder.addExtension(
            Extension.basicConstraints,
            true,
            ca
                ? (pathLength == null
                    ? new BasicConstraints(true)
                    : new BasicConstraints(pathLength))
                : new BasicConstraints(false));
        int usage =
            keyUsage != null
                ? keyUsage
                : ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature;
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
        if (!alternativeNames.isEmpty()) {
          builder.addExtension(
              Extension.subjectAlternativeName,
              false,
              new GeneralNames(alternativeNames.toArray(new GeneralName[0])));
        }
        if (!extendedKeyUsages.isEmpty()) {
          builder.addExtension(
              Extension.extendedKeyUsage,
              false,
              new ExtendedKeyUsage(extendedKeyUsages.toArray(new KeyPurposeId[0])));
        }
        builder.addExtension(
            Extension.subjectKeyIdentifier,
            false,
            utils.createSubjectKeyIdentifier(keyPair.getPublic()));
        if (issuer != null) {
          builder.addExtension(
              Extension.authorityKeyIdentifier,
              false,
              (ASN1Encodable) utils.createAuthorityKeyIdentifier(issuer.certificate()));
        }
        X509Certificate certificate =
            new JcaX509CertificateConverter().getCertificate(builder.build(signer(signingKey)));
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(certificate);
        if (issuer != null && !isSelfSigned(issuer.certificate())) {
          chain.addAll(issuer.chain());
        }
        return new Issued(keyPair, certificate, List.copyOf(chain));
      } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
        throw new IllegalStateException("cannot build the certificate for CN=" + commonName, e);
      }
    }

    private static boolean isSelfSigned(X509Certificate certificate) {
      return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
    }

    private static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
      String algorithm =
          switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> "Ed25519";
          };
      return new JcaContentSignerBuilder(algorithm).build(key);
    }
  }
}
