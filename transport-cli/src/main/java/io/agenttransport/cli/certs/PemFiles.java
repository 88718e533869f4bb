package io.agenttransport.cli.certs;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemGenerationException;

/**
 * Writes certificates and unencrypted PKCS#8 private keys as PEM files with Bouncy Castle.
 *
 * <p>Key files are created with owner-only permissions ({@code rw-------}) before any byte is
 * written, so that a key is never readable by others, not even for a moment. Certificates are
 * {@code rw-r--r--}. On file systems without POSIX permissions the platform defaults apply.
 */
public final class PemFiles {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> WORLD_READABLE =
      PosixFilePermissions.fromString("rw-r--r--");

  private PemFiles() {}

  /** Returns the PEM text of {@code certificates}, in order. */
  public static String certificates(List<X509Certificate> certificates) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      for (X509Certificate certificate : certificates) {
        writer.writeObject(certificate);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("failed to encode a certificate as PEM", e);
    }
    return text.toString();
  }

  /** Returns the PEM text of {@code key} in PKCS#8 form ({@code BEGIN PRIVATE KEY}). */
  public static String privateKey(PrivateKey key) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(new JcaPKCS8Generator(key, null));
    } catch (PemGenerationException e) {
      throw new IllegalStateException(
          "failed to encode a " + key.getAlgorithm() + " key as PKCS#8", e);
    } catch (IOException e) {
      throw new UncheckedIOException("failed to encode a private key as PEM", e);
    }
    return text.toString();
  }

  /**
   * Writes certificates to {@code file}, readable by all.
   *
   * @param overwrite whether an existing file is replaced
   * @throws FileAlreadyExistsException if the file exists and {@code overwrite} is false
   */
  public static void writeCertificates(
      Path file, List<X509Certificate> certificates, boolean overwrite) throws IOException {
    write(file, certificates(certificates), WORLD_READABLE, overwrite);
  }

  /**
   * Writes a private key to {@code file}, readable by its owner only.
   *
   * @param overwrite whether an existing file is replaced
   * @throws FileAlreadyExistsException if the file exists and {@code overwrite} is false
   */
  public static void writePrivateKey(Path file, PrivateKey key, boolean overwrite)
      throws IOException {
    write(file, privateKey(key), OWNER_ONLY, overwrite);
  }

  /**
   * Writes {@code text} to a new file created with {@code permissions}. An existing file is only
   * replaced with {@code overwrite}, and then through a temporary file and a rename, so that the
   * new permissions hold from the first byte.
   */
  private static void write(
      Path file, String text, Set<PosixFilePermission> permissions, boolean overwrite)
      throws IOException {
    Path target = file.toAbsolutePath();
    if (!overwrite && Files.exists(target)) {
      throw new FileAlreadyExistsException(target.toString());
    }
    Path temporary =
        createFile(target.resolveSibling("." + target.getFileName() + ".tmp"), permissions);
    try {
      try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.US_ASCII)) {
        writer.write(text);
      }
      if (overwrite) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      } else {
        Files.move(temporary, target);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static Path createFile(Path file, Set<PosixFilePermission> permissions)
      throws IOException {
    Files.deleteIfExists(file);
    if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return Files.createFile(file);
    }
    FileAttribute<Set<PosixFilePermission>> attribute =
        PosixFilePermissions.asFileAttribute(permissions);
    Path created = Files.createFile(file, attribute);
    // The umask may have cleared bits that were asked for; set them exactly.
    Files.setPosixFilePermissions(created, permissions);
    return created;
  }
}
