package io.agenttransport.security.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.agenttransport.config.ConfigException;
import io.agenttransport.config.Secret;
import io.agenttransport.testing.OpenSslCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads PEM files written by the openssl command line. */
class PemFilesTest {
  private static final String KEY = "tls.client_key";
  private static final String PASSWORD = "correct horse";

  @TempDir Path dir;
  private OpenSslCommand openssl;

  @BeforeAll
  static void requireOpenSsl() {
    assumeTrue(
        OpenSslCommand.isAvailable(),
        "the openssl command is not on PATH, so no openssl-made PEM files can be tested");
  }

  @BeforeEach
  void setUp() {
    openssl = new OpenSslCommand(dir);
  }

  @Test
  void rsaPkcs1Key() throws Exception {
    openssl.run("genrsa", "-traditional", "-out", "rsa.key", "2048");
    assertThat(Files.readString(dir.resolve("rsa.key"))).contains("BEGIN RSA PRIVATE KEY");

    PrivateKey key = PemFiles.readPrivateKey(dir.resolve("rsa.key"), null, KEY);

    assertThat(key.getAlgorithm()).isEqualTo("RSA");
  }

  @Test
  void ecSec1KeyWithParameters() throws Exception {
    openssl.run("ecparam", "-name", "prime256v1", "-genkey", "-out", "ec.key");
    assertThat(Files.readString(dir.resolve("ec.key")))
        .contains("BEGIN EC PARAMETERS", "BEGIN EC PRIVATE KEY");

    PrivateKey key = PemFiles.readPrivateKey(dir.resolve("ec.key"), null, KEY);

    assertThat(key.getAlgorithm()).isEqualTo("EC");
  }

  @Test
  void ecSec1KeyWithoutParameters() throws Exception {
    openssl.run("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ec.key");
    assertThat(Files.readString(dir.resolve("ec.key"))).doesNotContain("EC PARAMETERS");

    PrivateKey key = PemFiles.readPrivateKey(dir.resolve("ec.key"), null, KEY);

    assertThat(key.getAlgorithm()).isEqualTo("EC");
  }

  @Test
  void ed25519Key() {
    openssl.run("genpkey", "-algorithm", "ed25519", "-out", "ed.key");

    PrivateKey key = PemFiles.readPrivateKey(dir.resolve("ed.key"), null, KEY);

    assertThat(key.getAlgorithm()).isIn("EdDSA", "Ed25519");
  }

  @Test
  void pkcs8RsaKey() throws Exception {
    openssl.run(
        "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "rsa.key");
    assertThat(Files.readString(dir.resolve("rsa.key"))).contains("BEGIN PRIVATE KEY");

    PrivateKey key = PemFiles.readPrivateKey(dir.resolve("rsa.key"), null, KEY);

    assertThat(key.getAlgorithm()).isEqualTo("RSA");
  }

  @Test
  void encryptedPkcs8Key() throws Exception {
    Path file = encryptedEcKey();

    PrivateKey key = PemFiles.readPrivateKey(file, Secret.of(PASSWORD), KEY);

    assertThat(key.getAlgorithm()).isEqualTo("EC");
  }

  @Test
  void encryptedPkcs8KeyWrongPassword() throws Exception {
    Path file = encryptedEcKey();

    assertThatThrownBy(() -> PemFiles.readPrivateKey(file, Secret.of("Tr0ub4dor&3"), KEY))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(KEY + ": " + file + ": ")
        .hasMessageContaining("wrong password")
        .hasMessageNotContaining("Tr0ub4dor&3")
        .hasMessageNotContaining(PASSWORD);
  }

  @Test
  void encryptedPkcs8KeyWithoutPassword() throws Exception {
    Path file = encryptedEcKey();

    assertThatThrownBy(() -> PemFiles.readPrivateKey(file, null, KEY))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("encrypted but no password is configured")
        .hasMessageContaining("key_password");
  }

  @Test
  void legacyEncryptedRsaKey() throws Exception {
    openssl.run(
        "genrsa",
        "-traditional",
        "-aes128",
        "-passout",
        "pass:" + PASSWORD,
        "-out",
        "rsa.key",
        "2048");
    assertThat(Files.readString(dir.resolve("rsa.key"))).contains("Proc-Type: 4,ENCRYPTED");

    PrivateKey key = PemFiles.readPrivateKey(dir.resolve("rsa.key"), Secret.of(PASSWORD), KEY);

    assertThat(key.getAlgorithm()).isEqualTo("RSA");
  }

  @Test
  void unsupportedKeyType() {
    openssl.run("genpkey", "-algorithm", "X25519", "-out", "x.key");
    Path file = dir.resolve("x.key");

    assertThatThrownBy(() -> PemFiles.readPrivateKey(file, null, KEY))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("unsupported key type")
        .hasMessageContaining("Ed25519");
  }

  @Test
  void twoKeysInOneFile() throws Exception {
    openssl.run("genpkey", "-algorithm", "ed25519", "-out", "a.key");
    openssl.run("genpkey", "-algorithm", "ed25519", "-out", "b.key");
    Path both = concatenate("both.key", "a.key", "b.key");

    assertThatThrownBy(() -> PemFiles.readPrivateKey(both, null, KEY))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("contains 2 private keys");
  }

  @Test
  void keyFileWithoutKey() {
    Path certificate = selfSignedCa("ca");

    assertThatThrownBy(() -> PemFiles.readPrivateKey(certificate, null, KEY))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(certificate.toString())
        .hasMessageContaining("no private key found");
  }

  @Test
  void missingFile() {
    Path missing = dir.resolve("missing.pem");

    assertThatThrownBy(() -> PemFiles.readCertificates(missing, "tls.ca_bundle"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("tls.ca_bundle: " + missing + ": file not found; check the path");
  }

  @Test
  void bundleOfTwoCas() throws Exception {
    selfSignedCa("one");
    selfSignedCa("two");
    Path bundle = concatenate("bundle.pem", "one.crt", "two.crt");

    List<X509Certificate> certificates = PemFiles.readCertificates(bundle, "tls.ca_bundle");

    assertThat(certificates)
        .extracting(c -> c.getSubjectX500Principal().getName())
        .containsExactly("CN=one", "CN=two");
  }

  @Test
  void certificateWithTextAround() throws Exception {
    Path plain = selfSignedCa("ca");
    Path withText =
        openssl.runToFile("text.crt", "x509", "-in", plain.getFileName().toString(), "-text");
    assertThat(Files.readString(withText)).startsWith("Certificate:");
    Files.writeString(withText, "intro line\n" + Files.readString(withText) + "trailing text\n");

    List<X509Certificate> certificates = PemFiles.readCertificates(withText, "tls.ca_bundle");

    assertThat(certificates).hasSize(1);
    assertThat(certificates.get(0).getSubjectX500Principal().getName()).isEqualTo("CN=ca");
  }

  @Test
  void crlfLineEndings() throws Exception {
    selfSignedCa("one");
    selfSignedCa("two");
    Path bundle = concatenate("bundle.pem", "one.crt", "two.crt");
    Files.writeString(bundle, Files.readString(bundle).replace("\n", "\r\n"));

    List<X509Certificate> certificates = PemFiles.readCertificates(bundle, "tls.ca_bundle");

    assertThat(certificates).hasSize(2);
  }

  @Test
  void crlfKey() throws Exception {
    Path file = encryptedEcKey();
    Files.writeString(file, Files.readString(file).replace("\n", "\r\n"));

    PrivateKey key = PemFiles.readPrivateKey(file, Secret.of(PASSWORD), KEY);

    assertThat(key.getAlgorithm()).isEqualTo("EC");
  }

  @Test
  void keyAndChainInOneFile() throws Exception {
    selfSignedCa("leaf");
    Path combined = concatenate("combined.pem", "leaf.key", "leaf.crt");

    PrivateKey key = PemFiles.readPrivateKey(combined, null, KEY);
    List<X509Certificate> chain = PemFiles.readCertificates(combined, KEY);

    assertThat(chain).hasSize(1);
    assertThat(signs(key, chain.get(0).getPublicKey())).isTrue();
  }

  @Test
  void certificatesFromKeyOnlyFile() {
    openssl.run("genpkey", "-algorithm", "ed25519", "-out", "ed.key");
    Path file = dir.resolve("ed.key");

    assertThatThrownBy(() -> PemFiles.readCertificates(file, KEY))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("no certificate found");
  }

  @Test
  void publicKeyBlock() throws Exception {
    openssl.run("genpkey", "-algorithm", "ed25519", "-out", "ed.key");
    openssl.run("pkey", "-in", "ed.key", "-pubout", "-out", "ed.pub");

    PublicKey publicKey = PemFiles.readPublicKey(dir.resolve("ed.pub"), "signing.key");
    PrivateKey privateKey = PemFiles.readPrivateKey(dir.resolve("ed.key"), null, KEY);

    assertThat(signs(privateKey, publicKey)).isTrue();
  }

  @Test
  void publicKeyFromCertificate() throws Exception {
    Path certificate = selfSignedCa("ca");

    PublicKey publicKey = PemFiles.readPublicKey(certificate, "signing.key");

    assertThat(publicKey)
        .isEqualTo(PemFiles.readCertificates(certificate, KEY).get(0).getPublicKey());
  }

  @Test
  void publicKeyMissing() {
    openssl.run("genpkey", "-algorithm", "ed25519", "-out", "ed.key");
    Path file = dir.resolve("ed.key");

    assertThatThrownBy(() -> PemFiles.readPublicKey(file, "signing.key"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("no public key found");
  }

  @Test
  void truncatedBlock() throws Exception {
    Path certificate = selfSignedCa("ca");
    String text = Files.readString(certificate);
    Files.writeString(
        certificate, text.substring(0, text.length() / 2) + "\n-----END CERTIFICATE-----\n");

    assertThatThrownBy(() -> PemFiles.readCertificates(certificate, "tls.ca_bundle"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(certificate.toString())
        .hasMessageContaining("invalid PEM content");
  }

  private Path encryptedEcKey() throws IOException {
    openssl.run(
        "genpkey",
        "-algorithm",
        "EC",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-aes-256-cbc",
        "-pass",
        "pass:" + PASSWORD,
        "-out",
        "enc.key");
    Path file = dir.resolve("enc.key");
    assertThat(Files.readString(file)).contains("BEGIN ENCRYPTED PRIVATE KEY");
    return file;
  }

  private Path selfSignedCa(String name) {
    openssl.run(
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        name + ".key",
        "-out",
        name + ".crt",
        "-subj",
        "/CN=" + name,
        "-days",
        "2");
    return dir.resolve(name + ".crt");
  }

  private Path concatenate(String target, String... sources) throws IOException {
    StringBuilder text = new StringBuilder();
    for (String source : sources) {
      text.append(Files.readString(dir.resolve(source)));
    }
    return Files.writeString(dir.resolve(target), text);
  }

  private static boolean signs(PrivateKey privateKey, PublicKey publicKey) throws Exception {
    String algorithm = privateKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "Ed25519";
    byte[] message = {1, 2, 3};
    Signature signer = Signature.getInstance(algorithm);
    signer.initSign(privateKey);
    signer.update(message);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance(algorithm);
    verifier.initVerify(publicKey);
    verifier.update(message);
    return verifier.verify(signature);
  }
}
