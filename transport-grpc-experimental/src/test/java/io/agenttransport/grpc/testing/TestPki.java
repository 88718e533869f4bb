package io.agenttransport.grpc.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI for tests: one CA, an agent certificate for 127.0.0.1 and {@code localhost},
 * core's client certificate with the URI identity {@link #CORE_URI}, all with EC P-256 keys, made
 * with Bouncy Castle.
 */
public final class TestPki {
  /** The URI subject alternative name of core's certificate. */
  public static final String CORE_URI = "spiffe://agent-transport.test/core";

  private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

  private final Issued ca;
  private final Issued agent;
  private final Issued core;

  /**
   * A key and its certificate.
   *
   * @param key the private key
   * @param certificate the certificate
   */
  public record Issued(PrivateKey key, X509Certificate certificate) {}

  private TestPki(Issued ca, Issued agent, Issued core) {
    this.ca = ca;
    this.agent = agent;
    this.core = core;
  }

  /** Creates a new CA and issues the agent and core certificates. */
  public static TestPki create() {
    try {
      Issued ca = issueCa("Agent Transport Test CA");
      Issued agent =
          issue(
              ca,
              "agent",
              KeyPurposeId.id_kp_serverAuth,
              new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
              new GeneralName(GeneralName.dNSName, "localhost"));
      Issued core =
          issue(
              ca,
              "core",
              KeyPurposeId.id_kp_clientAuth,
              new GeneralName(GeneralName.uniformResourceIdentifier, CORE_URI));
      return new TestPki(ca, agent, core);
    } catch (GeneralSecurityException
        | IOException
        | org.bouncycastle.operator.OperatorException e) {
      throw new IllegalStateException("failed to create the test PKI", e);
    }
  }

  /** Returns the CA. */
  public Issued ca() {
    return ca;
  }

  /** Returns the agent's key and certificate. */
  public Issued agent() {
    return agent;
  }

  /** Returns core's key and client certificate. */
  public Issued core() {
    return core;
  }

  /** Returns the CA certificate as a one-element list. */
  public List<X509Certificate> caCertificates() {
    return List.of(ca.certificate());
  }

  /**
   * Writes {@code ca.pem}, {@code agent.pem}, {@code agent-key.pem}, {@code core.pem} and {@code
   * core-key.pem} (unencrypted PKCS#8) into {@code directory}.
   */
  public void writePem(Path directory) {
    try {
      Files.createDirectories(directory);
      Files.writeString(directory.resolve("ca.pem"), pem(ca.certificate()));
      Files.writeString(directory.resolve("agent.pem"), pem(agent.certificate()));
      Files.writeString(
          directory.resolve("agent-key.pem"), pem(new JcaPKCS8Generator(agent.key(), null)));
      Files.writeString(directory.resolve("core.pem"), pem(core.certificate()));
      Files.writeString(
          directory.resolve("core-key.pem"), pem(new JcaPKCS8Generator(core.key(), null)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String pem(Object value) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(value);
    }
    return text.toString();
  }

  private static KeyPair ecKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static Issued issueCa(String name)
      throws GeneralSecurityException, IOException, org.bouncycastle.operator.OperatorException {
    KeyPair keys = ecKeyPair();
    X500Name subject = new X500Name("CN=" + name);
    X509v3CertificateBuilder builder = builder(subject, subject, keys);
    JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
    builder.addExtension(
        Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    builder.addExtension(
        Extension.subjectKeyIdentifier,
        false,
        extensions.createSubjectKeyIdentifier(keys.getPublic()));
    return new Issued(keys.getPrivate(), sign(builder, keys.getPrivate()));
  }

  private static Issued issue(Issued ca, String name, KeyPurposeId purpose, GeneralName... names)
      throws GeneralSecurityException, IOException, org.bouncycastle.operator.OperatorException {
    KeyPair keys = ecKeyPair();
    X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
    X509v3CertificateBuilder builder = builder(issuer, new X500Name("CN=" + name), keys);
    JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
    builder.addExtension(
        Extension.authorityKeyIdentifier,
        false,
        extensions.createAuthorityKeyIdentifier(ca.certificate()));
    return new Issued(keys.getPrivate(), sign(builder, ca.key()));
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
        issuer,
        BigInteger.valueOf(SERIALS.incrementAndGet()),
        Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(Duration.ofDays(1))),
        subject,
        keys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
      throws GeneralSecurityException, org.bouncycastle.operator.OperatorException {
    ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey);
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
  }
}
