package io.agenttransport.http.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues certificates for tests with Bouncy Castle: a CA, agents' server certificates and core's
 * client certificate, each with the fields the TLS checks look at.
 */
final class TestPki {
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The key types certificates can carry. */
  enum KeyType {
    EC,
    RSA,
    ED25519
  }

  /**
   * A key pair and its certificate chain, leaf first.
   *
   * @param keyPair the key pair
   * @param chain the certificate chain, leaf first, without the root
   */
  record Issued(KeyPair keyPair, List<X509Certificate> chain) {
    X509Certificate certificate() {
      return chain.get(0);
    }

    /** Writes the private key as unencrypted PKCS#8 PEM. */
    Path writeKey(Path file) {
      writePem(file, keyPair.getPrivate());
      return file;
    }

    /** Writes the certificate chain as PEM, leaf first. */
    Path writeChain(Path file) {
      writePem(file, null, chain.toArray());
      return file;
    }

    /** Writes the private key as PKCS#8 PEM followed by the chain, in one file. */
    Path writeKeyAndChain(Path file) {
      writePem(file, keyPair.getPrivate(), chain.toArray());
      return file;
    }
  }

  /** The CA that issues certificates. */
  static final class Authority {
    private final Issued self;
    private final boolean sendsChain;

    private Authority(Issued self, boolean sendsChain) {
      this.self = self;
      this.sendsChain = sendsChain;
    }

    X509Certificate certificate() {
      return self.certificate();
    }

    /** Returns a server certificate for an agent at {@code ip} (an IP SAN). */
    Issued agent(String ip) {
      return issue(new Request("agent " + ip).ipSan(ip).serverAuth());
    }

    /** Returns core's client certificate with the URI SAN {@code uri}. */
    Issued core(String uri) {
      return issue(new Request("core").uriSan(uri).clientAuth());
    }

    /** Returns a certificate with the fields of {@code request}, signed by this CA. */
    Issued issue(Request request) {
      KeyPair keyPair = keyPair(request.keyType);
      X509Certificate certificate =
          sign(request, keyPair, self.keyPair(), self.certificate(), request.ca);
      List<X509Certificate> chain = new ArrayList<>();
      chain.add(certificate);
      if (sendsChain) {
        chain.addAll(self.chain());
      }
      return new Issued(keyPair, chain);
    }

    /** Writes this CA's certificate as PEM. */
    Path writeCertificate(Path file) {
      writePem(file, null, certificate());
      return file;
    }
  }

  /** The fields of a certificate to issue. */
  static final class Request {
    private final String commonName;
    private final List<GeneralName> sans = new ArrayList<>();
    private final List<KeyPurposeId> purposes = new ArrayList<>();
    private KeyType keyType = KeyType.EC;
    private Instant notBefore = Instant.now().minus(Duration.ofHours(1));
    private Instant notAfter = Instant.now().plus(Duration.ofDays(1));
    private boolean ca;

    Request(String commonName) {
      this.commonName = commonName;
    }

    Request ipSan(String ip) {
      sans.add(new GeneralName(GeneralName.iPAddress, ip));
      return this;
    }

    Request dnsSan(String name) {
      sans.add(new GeneralName(GeneralName.dNSName, name));
      return this;
    }

    Request uriSan(String uri) {
      sans.add(new GeneralName(GeneralName.uniformResourceIdentifier, uri));
      return this;
    }

    Request serverAuth() {
      purposes.add(KeyPurposeId.id_kp_serverAuth);
      return this;
    }

    Request clientAuth() {
      purposes.add(KeyPurposeId.id_kp_clientAuth);
      return this;
    }

    Request keyType(KeyType value) {
      keyType = value;
      return this;
    }

    Request validity(Instant from, Instant to) {
      notBefore = from;
      notAfter = to;
      return this;
    }
  }

  private TestPki() {}

  /** Returns a new self-signed CA named {@code name}. */
  static Authority authority(String name) {
    KeyPair keyPair = keyPair(KeyType.EC);
    Request request = new Request(name);
    request.ca = true;
    X509Certificate certificate = sign(request, keyPair, keyPair, null, true);
    return new Authority(new Issued(keyPair, List.of(certificate)), false);
  }

  /**
   * Returns an issuer that signs with {@code issued}'s key, whatever its basic constraints say, and
   * puts {@code issued}'s chain after each certificate it issues.
   */
  static Authority issuedBy(Issued issued) {
    return new Authority(issued, true);
  }

  private static KeyPair keyPair(KeyType type) {
    try {
      return switch (type) {
        case EC -> {
          KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
          generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
          yield generator.generateKeyPair();
        }
        case RSA -> {
          KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
          generator.initialize(2048, RANDOM);
          yield generator.generateKeyPair();
        }
        case ED25519 -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      };
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate sign(
      Request request,
      KeyPair subjectKeys,
      KeyPair issuerKeys,
      X509Certificate issuer,
      boolean ca) {
    try {
      X500Name subject = new X500Name("CN=" + request.commonName);
      X500Name issuerName =
          issuer == null
              ? subject
              : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              issuerName,
              BigInteger.valueOf(SERIAL.incrementAndGet()),
              Date.from(request.notBefore),
              Date.from(request.notAfter),
              subject,
              subjectKeys.getPublic());
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      builder.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          extensions.createSubjectKeyIdentifier(subjectKeys.getPublic()));
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          extensions.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      if (ca) {
        builder.addExtension(
            Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      } else {
        int usage =
            request.keyType == KeyType.RSA
                ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment
                : KeyUsage.digitalSignature;
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
      }
      if (!request.purposes.isEmpty()) {
        builder.addExtension(
            Extension.extendedKeyUsage,
            false,
            new ExtendedKeyUsage(request.purposes.toArray(KeyPurposeId[]::new)));
      }
      if (!request.sans.isEmpty()) {
        builder.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(request.sans.toArray(GeneralName[]::new)));
      }
      ContentSigner signer =
          new JcaContentSignerBuilder(signatureAlgorithm(issuerKeys))
              .build(issuerKeys.getPrivate());
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot issue a test certificate", e);
    }
  }

  private static String signatureAlgorithm(KeyPair keys) {
    return switch (keys.getPrivate().getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      default -> "SHA256withECDSA";
    };
  }

  private static void writePem(Path file, Object key, Object... objects) {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
        JcaPEMWriter pem = new JcaPEMWriter(out)) {
      if (key != null) {
        pem.writeObject(
            new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(
                (java.security.PrivateKey) key, null));
      }
      for (Object object : objects) {
        pem.writeObject(object);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
