package io.agenttransport.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.agenttransport.api.AgentOperation;
import io.agenttransport.api.RejectionReason;
import io.agenttransport.api.RequestRejectedException;
import io.agenttransport.config.ActionsMode;
import io.agenttransport.security.signature.RequestSigner;
import io.agenttransport.security.signature.SignatureAlgorithm;
import io.agenttransport.security.tls.PemFiles;
import io.agenttransport.testing.OpenSslCommand;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signatures made by the {@code openssl} command line over a signature base this test writes by
 * hand, checked by the guard: an independent signer and an independent base.
 */
class OpenSslSignatureTest {
  private static final String AUTHORITY = "agent-1.test:8443";
  private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 8443);
  private static final byte[] BODY = "{\"kind\":\"restart\"}".getBytes(StandardCharsets.UTF_8);

  private static X509Certificate agentCertificate;
  private static X509Certificate coreCertificate;

  @TempDir Path directory;

  private OpenSslCommand openssl;
  private MutableClock clock;

  @BeforeAll
  static void createCertificates() throws Exception {
    assumeTrue(OpenSslCommand.isAvailable(), "openssl is not installed");
    agentCertificate = TestCertificates.selfSigned("agent-1", "agent-1.test", "127.0.0.1");
    coreCertificate = TestCertificates.selfSigned("core", "core.test", "127.0.0.2");
  }

  @BeforeEach
  void createClock() {
    openssl = new OpenSslCommand(directory);
    clock = new MutableClock(Instant.parse("2026-12-04T12:00:00Z"));
  }

  private RequestGuard guard(Path publicKey, SignatureAlgorithm algorithm) {
    return RequestGuard.builder(clock)
        .actions(ActionsMode.ENABLED)
        .serverTls(true, true, agentCertificate)
        .trustKey("core-1", PemFiles.readPublicKey(publicKey, "test"), algorithm)
        .build();
  }

  private String signatureParams() {
    long created = clock.instant().getEpochSecond();
    return "(\"@method\" \"@authority\" \"@path\" \"@query\" \"content-digest\" \"content-type\")"
        + ";created="
        + created
        + ";expires="
        + (created + 30)
        + ";nonce=\"openssl-nonce\";keyid=\"core-1\";tag=\""
        + RequestSigner.REQUEST_TAG
        + "\"";
  }

  private static String digest() throws Exception {
    byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(BODY);
    return "sha-256=:" + Base64.getEncoder().encodeToString(sha256) + ":";
  }

  private Path writeBase(String params) throws Exception {
    String base =
        "\"@method\": POST\n"
            + "\"@authority\": "
            + AUTHORITY
            + "\n"
            + "\"@path\": /api/unstable/action\n"
            + "\"@query\": ?\n"
            + "\"content-digest\": "
            + digest()
            + "\n"
            + "\"content-type\": application/json\n"
            + "\"@signature-params\": "
            + params;
    return Files.writeString(directory.resolve("base.txt"), base);
  }

  private InboundRequest request(String params, byte[] signature) throws Exception {
    OutboundRequest outbound =
        new OutboundRequest(
            AgentOperation.ACTION_SCHEDULE,
            "POST",
            AUTHORITY,
            "/api/unstable/action",
            "?",
            "application/json",
            BODY);
    return InboundBuilder.unsigned(outbound, coreCertificate, LOCAL)
        .field("content-digest", digest())
        .field("signature-input", "agent=" + params)
        .field("signature", "agent=:" + Base64.getEncoder().encodeToString(signature) + ":")
        .build();
  }

  private static byte[] derToRaw(byte[] der) {
    ASN1Sequence sequence = ASN1Sequence.getInstance(der);
    BigInteger r = ASN1Integer.getInstance(sequence.getObjectAt(0)).getValue();
    BigInteger s = ASN1Integer.getInstance(sequence.getObjectAt(1)).getValue();
    byte[] raw = new byte[64];
    BigIntegers.asUnsignedByteArray(r, raw, 0, 32);
    BigIntegers.asUnsignedByteArray(s, raw, 32, 32);
    return raw;
  }

  @Test
  void ed25519SignatureAccepted() throws Exception {
    openssl.run("genpkey", "-algorithm", "ed25519", "-out", "core.pem");
    openssl.run("pkey", "-in", "core.pem", "-pubout", "-out", "core.pub.pem");
    String params = signatureParams();
    writeBase(params);
    openssl.run(
        "pkeyutl", "-sign", "-rawin", "-inkey", "core.pem", "-in", "base.txt", "-out", "sig.bin");
    byte[] signature = Files.readAllBytes(directory.resolve("sig.bin"));
    RequestGuard guard = guard(directory.resolve("core.pub.pem"), SignatureAlgorithm.ED25519);

    InboundRequest request = request(params, signature);

    assertThatCode(() -> guard.check(request)).doesNotThrowAnyException();
  }

  @Test
  void ecdsaSignatureAccepted() throws Exception {
    openssl.run(
        "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "core.pem");
    openssl.run("pkey", "-in", "core.pem", "-pubout", "-out", "core.pub.pem");
    String params = signatureParams();
    writeBase(params);
    openssl.run("dgst", "-sha256", "-sign", "core.pem", "-out", "sig.der", "base.txt");
    byte[] signature = derToRaw(Files.readAllBytes(directory.resolve("sig.der")));
    RequestGuard guard =
        guard(directory.resolve("core.pub.pem"), SignatureAlgorithm.ECDSA_P256_SHA256);

    InboundRequest request = request(params, signature);

    assertThatCode(() -> guard.check(request)).doesNotThrowAnyException();
  }

  @Test
  void ecdsaDerEncodingRejected() throws Exception {
    openssl.run(
        "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "core.pem");
    openssl.run("pkey", "-in", "core.pem", "-pubout", "-out", "core.pub.pem");
    String params = signatureParams();
    writeBase(params);
    openssl.run("dgst", "-sha256", "-sign", "core.pem", "-out", "sig.der", "base.txt");
    byte[] der = Files.readAllBytes(directory.resolve("sig.der"));
    RequestGuard guard =
        guard(directory.resolve("core.pub.pem"), SignatureAlgorithm.ECDSA_P256_SHA256);

    InboundRequest request = request(params, der);

    assertThatThrownBy(() -> guard.check(request))
        .isInstanceOfSatisfying(
            RequestRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(RejectionReason.SIGNATURE_INVALID));
  }

  @Test
  void ecdsaZeroSignatureRejected() throws Exception {
    openssl.run(
        "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "core.pem");
    openssl.run("pkey", "-in", "core.pem", "-pubout", "-out", "core.pub.pem");
    RequestGuard guard =
        guard(directory.resolve("core.pub.pem"), SignatureAlgorithm.ECDSA_P256_SHA256);

    InboundRequest request = request(signatureParams(), new byte[64]);

    assertThatThrownBy(() -> guard.check(request))
        .isInstanceOfSatisfying(
            RequestRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(RejectionReason.SIGNATURE_INVALID));
  }

  @Test
  void rsaPssSignatureAccepted() throws Exception {
    openssl.run(
        "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "core.pem");
    openssl.run("pkey", "-in", "core.pem", "-pubout", "-out", "core.pub.pem");
    String params = signatureParams();
    writeBase(params);
    openssl.run(
        "dgst",
        "-sha512",
        "-sign",
        "core.pem",
        "-sigopt",
        "rsa_padding_mode:pss",
        "-sigopt",
        "rsa_pss_saltlen:64",
        "-sigopt",
        "rsa_mgf1_md:sha512",
        "-out",
        "sig.bin",
        "base.txt");
    byte[] signature = Files.readAllBytes(directory.resolve("sig.bin"));
    RequestGuard guard =
        guard(directory.resolve("core.pub.pem"), SignatureAlgorithm.RSA_PSS_SHA512);

    InboundRequest request = request(params, signature);

    assertThatCode(() -> guard.check(request)).doesNotThrowAnyException();
  }
}
