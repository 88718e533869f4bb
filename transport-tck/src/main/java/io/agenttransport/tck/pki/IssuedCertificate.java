package io.agenttransport.tck.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A key pair with its certificate chain, leaf first.
 *
 * <p>{@link #toString()} names the subject only; the private key never appears in it.
 *
 * @param keyPair the key pair of the leaf certificate
 * @param chain the leaf certificate followed by its intermediates, without the root
 */
public record IssuedCertificate(KeyPair keyPair, List<X509Certificate> chain) {
  /** Validates the components and copies the chain. */
  public IssuedCertificate {
    Objects.requireNonNull(keyPair, "keyPair");
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("certificate chain is empty: expected the leaf first");
    }
  }

  /** Returns the leaf certificate. */
  public X509Certificate certificate() {
    return chain.get(0);
  }

  /** Returns the private key of the leaf certificate. */
  public PrivateKey privateKey() {
    return keyPair.getPrivate();
  }

  /** Writes the private key as an unencrypted PKCS#8 PEM file and returns its path. */
  public Path writeKeyPem(Path file) {
    try {
      PemObject pem = new JcaPKCS8Generator(keyPair.getPrivate(), null).generate();
      return write(file, List.of(pem));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the private key for " + file, e);
    }
  }

  /** Writes the chain, leaf first, as a PEM file and returns its path. */
  public Path writeChainPem(Path file) {
    return write(file, List.copyOf(chain));
  }

  /** Writes the leaf certificate alone as a PEM file and returns its path. */
  public Path writeCertificatePem(Path file) {
    return write(file, List.of(certificate()));
  }

  /** Returns the PEM text of the given certificates, keys or PEM objects, one after another. */
  public static String toPem(List<?> objects) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      for (Object object : objects) {
        writer.writeObject(object);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode PEM", e);
    }
    return text.toString();
  }

  private static Path write(Path file, List<?> objects) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, toPem(objects), StandardCharsets.US_ASCII);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write PEM file " + file, e);
    }
  }

  /** Returns the subject of the leaf certificate, never the key. */
  @Override
  public String toString() {
    return "IssuedCertificate[" + certificate().getSubjectX500Principal().getName() + "]";
  }
}
