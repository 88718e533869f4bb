package io.agenttransport.security.tls;

import io.agenttransport.config.ConfigException;
import io.agenttransport.config.Secret;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads certificates and keys from PEM files as openssl, easy-rsa and cfssl write them.
 *
 * <p>Bouncy Castle's {@link PEMParser} reads the blocks, so text before, between and after them and
 * CRLF line endings are accepted. Keys and certificates come out as JDK objects, which the JDK TLS
 * stack uses directly. The Bouncy Castle provider is passed only to decrypt keys and is never
 * registered globally.
 *
 * <p>Every error is a {@link ConfigException} for the given configuration key whose message starts
 * with the file and states how to fix it. Messages never contain key material or passwords.
 */
public final class PemFiles {
  private static final Logger LOG = LoggerFactory.getLogger(PemFiles.class);

  /** Key algorithms that the TLS and signature code can use, by PKCS#8 algorithm identifier. */
  private static final Map<ASN1ObjectIdentifier, String> SUPPORTED_KEY_TYPES =
      Map.of(
          PKCSObjectIdentifiers.rsaEncryption, "RSA",
          X9ObjectIdentifiers.id_ecPublicKey, "EC",
          EdECObjectIdentifiers.id_Ed25519, "Ed25519");

  private PemFiles() {}

  /**
   * Reads every certificate in a PEM file, in file order. Bundles of several certificates, text
   * around the blocks and CRLF line endings are accepted, and key blocks in the same file are
   * skipped.
   *
   * @param file the PEM file
   * @param configKey the configuration key that named the file, used in errors
   * @return the certificates, at least one
   * @throws ConfigException if the file cannot be read, holds an invalid block or no certificate
   */
  public static List<X509Certificate> readCertificates(Path file, String configKey) {
    List<X509Certificate> certificates = new ArrayList<>();
    for (Object block : readBlocks(file, configKey)) {
      X509CertificateHolder holder = certificateHolder(block);
      if (holder != null) {
        certificates.add(toCertificate(holder, file, configKey));
      }
    }
    if (certificates.isEmpty()) {
      throw error(
          file,
          configKey,
          "no certificate found; expected a '-----BEGIN CERTIFICATE-----' block"
              + " (convert a DER file with 'openssl x509 -inform der -in FILE -out FILE.pem')");
    }
    LOG.debug("Read {} certificate(s) from {}", certificates.size(), file);
    return List.copyOf(certificates);
  }

  /**
   * Reads the one private key in a PEM file. Accepted forms are PKCS#1 RSA, SEC1 EC (with or
   * without an {@code EC PARAMETERS} block), PKCS#8 RSA, EC and Ed25519, encrypted PKCS#8 and
   * OpenSSL's legacy encrypted PKCS#1 and SEC1. Certificate blocks in the same file are skipped.
   *
   * @param file the PEM file
   * @param password the password of an encrypted key, or {@code null} for a plain key
   * @param configKey the configuration key that named the file, used in errors
   * @return the key as a JDK key object
   * @throws ConfigException if the file cannot be read, contains no key or several keys, the key is
   *     encrypted and the password is missing or wrong, or the key type is unsupported
   */
  public static PrivateKey readPrivateKey(Path file, @Nullable Secret password, String configKey) {
    return readPrivateKey(file, password, configKey, List.of());
  }

  /**
   * Reads the one private key in a PEM file, as {@link #readPrivateKey(Path, Secret, String)} does.
   * A SEC1 EC key that does not name its curve, as Bouncy Castle's {@code JcaPEMWriter} writes a
   * JDK key, takes the curve of a certificate in the same file or in {@code certificates} whose
   * public key is the key's own.
   *
   * @param certificates certificates that may belong to the key, such as the configured chain
   */
  public static PrivateKey readPrivateKey(
      Path file, @Nullable Secret password, String configKey, List<X509Certificate> certificates) {
    List<Object> keyBlocks = new ArrayList<>();
    List<SubjectPublicKeyInfo> publicKeys = new ArrayList<>();
    for (X509Certificate certificate : certificates) {
      publicKeys.add(SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded()));
    }
    for (Object block : readBlocks(file, configKey)) {
      X509CertificateHolder holder = certificateHolder(block);
      if (holder != null) {
        publicKeys.add(holder.getSubjectPublicKeyInfo());
      }
      if (block instanceof PEMKeyPair
          || block instanceof PrivateKeyInfo
          || block instanceof PKCS8EncryptedPrivateKeyInfo
          || block instanceof PEMEncryptedKeyPair) {
        keyBlocks.add(block);
      }
    }
    if (keyBlocks.isEmpty()) {
      throw error(
          file,
          configKey,
          "no private key found; expected a 'PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY'"
              + " or 'ENCRYPTED PRIVATE KEY' block");
    }
    if (keyBlocks.size() > 1) {
      throw error(
          file,
          configKey,
          "contains " + keyBlocks.size() + " private keys; keep exactly one key in the file");
    }
    PrivateKeyInfo info = decrypt(keyBlocks.get(0), password, file, configKey);
    return toPrivateKey(info, publicKeys, file, configKey);
  }

  /**
   * Reads a public key from the first {@code PUBLIC KEY} or {@code RSA PUBLIC KEY} block, or, if
   * the file has none, from the first certificate.
   *
   * @param file the PEM file
   * @param configKey the configuration key that named the file, used in errors
   * @return the key as a JDK key object
   * @throws ConfigException if the file cannot be read or contains no public key or certificate, or
   *     the key type is unsupported
   */
  public static PublicKey readPublicKey(Path file, String configKey) {
    List<Object> blocks = readBlocks(file, configKey);
    for (Object block : blocks) {
      if (block instanceof SubjectPublicKeyInfo info) {
        return toPublicKey(info, file, configKey);
      }
    }
    for (Object block : blocks) {
      X509CertificateHolder holder = certificateHolder(block);
      if (holder != null) {
        return toPublicKey(holder.getSubjectPublicKeyInfo(), file, configKey);
      }
    }
    throw error(
        file,
        configKey,
        "no public key found; expected a 'PUBLIC KEY' block or a certificate"
            + " (extract one with 'openssl pkey -in KEY -pubout')");
  }

  private static List<Object> readBlocks(Path file, String configKey) {
    String text = readText(file, configKey);
    List<Object> blocks = new ArrayList<>();
    try (PEMParser parser = new PEMParser(new StringReader(text))) {
      for (Object block = parser.readObject(); block != null; block = parser.readObject()) {
        blocks.add(block);
      }
    } catch (IOException | RuntimeException e) {
      // PEMParser throws IOException or a runtime exception on bad base64, DER or block types.
      throw error(
          file,
          configKey,
          "invalid PEM content ("
              + e.getMessage()
              + "); check that the file is a PEM file and was not truncated",
          e);
    }
    return blocks;
  }

  private static String readText(Path file, String configKey) {
    try {
      // PEM is ASCII, and ISO-8859-1 decodes any other bytes around the blocks without failing.
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (NoSuchFileException e) {
      throw error(file, configKey, "file not found; check the path", e);
    } catch (AccessDeniedException e) {
      throw error(file, configKey, "permission denied; make the file readable by this process", e);
    } catch (IOException e) {
      throw error(file, configKey, "cannot be read (" + e.getMessage() + ")", e);
    }
  }

  private static @Nullable X509CertificateHolder certificateHolder(Object block) {
    if (block instanceof X509CertificateHolder holder) {
      return holder;
    }
    if (block instanceof X509TrustedCertificateBlock trusted) {
      return trusted.getCertificateHolder();
    }
    return null;
  }

  private static X509Certificate toCertificate(
      X509CertificateHolder holder, Path file, String configKey) {
    try {
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (CertificateException e) {
      throw error(
          file,
          configKey,
          "invalid certificate " + holder.getSubject() + " (" + e.getMessage() + ")",
          e);
    }
  }

  private static PrivateKeyInfo decrypt(
      Object keyBlock, @Nullable Secret password, Path file, String configKey) {
    if (keyBlock instanceof PrivateKeyInfo info) {
      return info;
    }
    if (keyBlock instanceof PEMKeyPair pair) {
      return pair.getPrivateKeyInfo();
    }
    if (password == null) {
      throw error(
          file,
          configKey,
          "the private key is encrypted but no password is configured;"
              + " set key_password or key_password_env");
    }
    char[] chars = password.reveal();
    try {
      if (keyBlock instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
        return encrypted.decryptPrivateKeyInfo(
            new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(bouncyCastle()).build(chars));
      }
      PEMEncryptedKeyPair legacy = (PEMEncryptedKeyPair) keyBlock;
      return legacy
          .decryptKeyPair(
              new JcePEMDecryptorProviderBuilder().setProvider(bouncyCastle()).build(chars))
          .getPrivateKeyInfo();
    } catch (PKCSException | IOException | IllegalArgumentException | IllegalStateException e) {
      // A wrong password fails the padding check, or, rarely, yields bytes that are not a key.
      throw error(
          file,
          configKey,
          "cannot decrypt the private key: wrong password (check key_password or"
              + " key_password_env)",
          e);
    } catch (OperatorCreationException e) {
      throw error(
          file,
          configKey,
          "the private key's encryption scheme is not supported ("
              + e.getMessage()
              + "); re-encrypt it with 'openssl pkcs8 -topk8 -v2 aes-256-cbc'",
          e);
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  private static PrivateKey toPrivateKey(
      PrivateKeyInfo info, List<SubjectPublicKeyInfo> publicKeys, Path file, String configKey) {
    String type = keyType(info.getPrivateKeyAlgorithm().getAlgorithm(), file, configKey);
    ASN1Encodable curve = info.getPrivateKeyAlgorithm().getParameters();
    PrivateKeyInfo named = info;
    if (type.equals("EC") && (curve == null || curve instanceof ASN1Null)) {
      // Some writers, Bouncy Castle's JcaPEMWriter given a JDK key among them, leave it out of
      // SEC1. Only the key's own certificate can then supply it.
      named = EcCurves.withCurveOfMatchingKey(info, publicKeys);
      if (named == null) {
        throw error(
            file,
            configKey,
            "the EC private key does not name its curve and no certificate of this key was"
                + " found; write the key as PKCS#8 (a 'PRIVATE KEY' block) or as SEC1 with its"
                + " parameters, as openssl does, or put its certificate after it in the file");
      }
    }
    try {
      return new JcaPEMKeyConverter().getPrivateKey(named);
    } catch (PEMException e) {
      throw unsupportedCurve(type, file, configKey, e);
    }
  }

  private static PublicKey toPublicKey(SubjectPublicKeyInfo info, Path file, String configKey) {
    String type = keyType(info.getAlgorithm().getAlgorithm(), file, configKey);
    try {
      return new JcaPEMKeyConverter().getPublicKey(info);
    } catch (PEMException e) {
      throw unsupportedCurve(type, file, configKey, e);
    }
  }

  private static String keyType(ASN1ObjectIdentifier algorithm, Path file, String configKey) {
    String type = SUPPORTED_KEY_TYPES.get(algorithm);
    if (type == null) {
      throw error(
          file,
          configKey,
          "unsupported key type (algorithm "
              + algorithm.getId()
              + "); use an RSA, EC P-256/P-384/P-521 or Ed25519 key");
    }
    return type;
  }

  private static ConfigException unsupportedCurve(
      String type, Path file, String configKey, Exception cause) {
    // Only EC keys can fail here: the JDK rejects curves it does not implement, such as secp256k1.
    return error(
        file,
        configKey,
        "unsupported "
            + type
            + " key ("
            + cause.getMessage()
            + "); use an RSA, EC P-256/P-384/P-521 or Ed25519 key",
        cause);
  }

  private static Provider bouncyCastle() {
    return BouncyCastleHolder.PROVIDER;
  }

  private static ConfigException error(Path file, String configKey, String reason) {
    return new ConfigException(configKey, file + ": " + reason);
  }

  private static ConfigException error(
      Path file, String configKey, String reason, Throwable cause) {
    return new ConfigException(configKey, file + ": " + reason, cause);
  }

  /** Creates the provider on first use, so that reading unencrypted files never constructs it. */
  private static final class BouncyCastleHolder {
    static final Provider PROVIDER = new BouncyCastleProvider();
  }
}
