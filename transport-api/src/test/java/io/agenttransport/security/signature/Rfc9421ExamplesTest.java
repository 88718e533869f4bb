package io.agenttransport.security.signature;

import static org.assertj.core.api.Assertions.assertThat;

import io.agenttransport.security.tls.PemFiles;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greenbytes.http.sfv.InnerList;
import org.greenbytes.http.sfv.Parser;
import org.junit.jupiter.api.Test;

/**
 * The examples of RFC 9421 Appendix B.2, with the test keys of Appendix B.1. Ed25519 is
 * deterministic, so B.2.6 is reproduced exactly; ECDSA and RSA-PSS are randomized, so B.2.4 and
 * B.2.1 are verified.
 */
class Rfc9421ExamplesTest {
  private static final String B26_BASE =
      "\"date\": Tue, 20 Apr 2021 02:07:55 GMT\n"
          + "\"@method\": POST\n"
          + "\"@path\": /foo\n"
          + "\"@authority\": example.com\n"
          + "\"content-type\": application/json\n"
          + "\"content-length\": 18\n"
          + "\"@signature-params\": (\"date\" \"@method\" \"@path\" \"@authority\""
          + " \"content-type\" \"content-length\");created=1618884473;keyid=\"test-key-ed25519\"";
  private static final String B26_SIGNATURE =
      "wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==";

  private static final String B24_BASE =
      "\"@status\": 200\n"
          + "\"content-type\": application/json\n"
          + "\"content-digest\": sha-512=:mEWXIS7MaLRuGgxOBdODa3xqM1XdEvxoYhvlCFJ41QJgJc4GTsPp29l5oG"
          + "X69wWdXymyU0rjJuahq4l5aGgfLQ==:\n"
          + "\"content-length\": 23\n"
          + "\"@signature-params\": (\"@status\" \"content-type\" \"content-digest\""
          + " \"content-length\");created=1618884473;keyid=\"test-key-ecc-p256\"";
  private static final String B24_SIGNATURE =
      "wNmSUAhwb5LxtOtOpNa6W5xj067m5hFrj0XQ4fvpaCLx0NKocgPquLgyahnzDnDAUy5eCdlYUEkLIj+32oiasw==";

  private static final String B21_BASE =
      "\"@signature-params\": ();created=1618884473;keyid=\"test-key-rsa-pss\""
          + ";nonce=\"b3k2pp5k7z-50gnwp.yemd\"";
  private static final String B21_SIGNATURE =
      "d2pmTvmbncD3xQm8E9ZV2828BjQWGgiwAaw5bAkgibUopemLJcWDy/lkbbHAve4cRAtx31Iq786U7it++wgGxbtRxf8"
          + "Udx7zFZsckzXaJMkA7ChG52eSkFxykJeNqsrWH5S+oxNFlD4dzVuwe8DhTSja8xxbR/Z2cOGdCbzR72rgFWhzx2V"
          + "jBqJzsPLMIQKhO4DGezXehhWwE56YCE+O6c0mKZsfxVrogUvA4HELjVKWmAvtl6UnCh8jYzuVG5WSb/QEVPnP5T"
          + "mcAnLH1g+s++v6d4s8m0gCw1fV5/SITLq9mhho8K3+7EPYTU8IU1bLhdxO5Nyt8C8ssinQ98Xw9Q==";

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(Rfc9421ExamplesTest.class.getResource("/rfc9421/" + name).toURI());
  }

  private static byte[] b26Base() {
    InnerList params =
        Parser.parseInnerList(
            "(\"date\" \"@method\" \"@path\" \"@authority\" \"content-type\" \"content-length\")"
                + ";created=1618884473;keyid=\"test-key-ed25519\"");
    Map<String, String> values = new LinkedHashMap<>();
    values.put("date", "Tue, 20 Apr 2021 02:07:55 GMT");
    values.put("@method", "POST");
    values.put("@path", "/foo");
    values.put("@authority", "example.com");
    values.put("content-type", "application/json");
    values.put("content-length", "18");
    return SignatureBase.build(params, values);
  }

  @Test
  void b26BaseMatchesRfc() {
    assertThat(new String(b26Base(), StandardCharsets.UTF_8)).isEqualTo(B26_BASE);
  }

  @Test
  void b26Ed25519SignatureReproduced() throws Exception {
    PrivateKey key = PemFiles.readPrivateKey(resource("test-key-ed25519.pem"), null, "test");

    byte[] signature = Signatures.sign(SignatureAlgorithm.ED25519, key, b26Base());

    assertThat(Base64.getEncoder().encodeToString(signature)).isEqualTo(B26_SIGNATURE);
  }

  @Test
  void b26Ed25519SignatureVerifies() throws Exception {
    PublicKey key = PemFiles.readPublicKey(resource("test-key-ed25519.pub.pem"), "test");

    boolean valid =
        Signatures.verify(
            SignatureAlgorithm.ED25519, key, b26Base(), Base64.getDecoder().decode(B26_SIGNATURE));

    assertThat(valid).isTrue();
  }

  @Test
  void b24EcdsaSignatureVerifies() throws Exception {
    PublicKey key = PemFiles.readPublicKey(resource("test-key-ecc-p256.pub.pem"), "test");

    boolean valid =
        Signatures.verify(
            SignatureAlgorithm.ECDSA_P256_SHA256,
            key,
            B24_BASE.getBytes(StandardCharsets.UTF_8),
            Base64.getDecoder().decode(B24_SIGNATURE));

    assertThat(valid).isTrue();
  }

  @Test
  void b24EcdsaChangedBaseFails() throws Exception {
    PublicKey key = PemFiles.readPublicKey(resource("test-key-ecc-p256.pub.pem"), "test");

    boolean valid =
        Signatures.verify(
            SignatureAlgorithm.ECDSA_P256_SHA256,
            key,
            B24_BASE.replace("200", "201").getBytes(StandardCharsets.UTF_8),
            Base64.getDecoder().decode(B24_SIGNATURE));

    assertThat(valid).isFalse();
  }

  @Test
  void b21RsaPssSignatureVerifies() throws Exception {
    PublicKey key = PemFiles.readPublicKey(resource("test-key-rsa-pss.pub.pem"), "test");

    boolean valid =
        Signatures.verify(
            SignatureAlgorithm.RSA_PSS_SHA512,
            key,
            B21_BASE.getBytes(StandardCharsets.UTF_8),
            Base64.getDecoder().decode(B21_SIGNATURE));

    assertThat(valid).isTrue();
  }

  @Test
  void b21BaseFromParsedInput() {
    InnerList params =
        Parser.parseInnerList(
            "();created=1618884473;keyid=\"test-key-rsa-pss\";nonce=\"b3k2pp5k7z-50gnwp.yemd\"");

    byte[] base = SignatureBase.build(params, Map.of());

    assertThat(new String(base, StandardCharsets.UTF_8)).isEqualTo(B21_BASE);
  }

  @Test
  void ecdsaZeroSignatureRejected() throws Exception {
    PublicKey key = PemFiles.readPublicKey(resource("test-key-ecc-p256.pub.pem"), "test");

    boolean valid =
        Signatures.verify(
            SignatureAlgorithm.ECDSA_P256_SHA256,
            key,
            B24_BASE.getBytes(StandardCharsets.UTF_8),
            new byte[64]);

    assertThat(valid).isFalse();
  }

  @Test
  void algorithmsFollowKeyTypes() throws Exception {
    List<SignatureAlgorithm> algorithms =
        List.of(
            SignatureAlgorithm.forKey(
                PemFiles.readPublicKey(resource("test-key-ed25519.pub.pem"), "test")),
            SignatureAlgorithm.forKey(
                PemFiles.readPublicKey(resource("test-key-ecc-p256.pub.pem"), "test")),
            SignatureAlgorithm.forKey(
                PemFiles.readPublicKey(resource("test-key-rsa-pss.pub.pem"), "test")));

    assertThat(algorithms)
        .containsExactly(
            SignatureAlgorithm.ED25519,
            SignatureAlgorithm.ECDSA_P256_SHA256,
            SignatureAlgorithm.RSA_PSS_SHA512);
  }
}
