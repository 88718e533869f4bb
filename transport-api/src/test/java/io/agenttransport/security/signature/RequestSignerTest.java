package io.agenttransport.security.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentOperation;
import io.agenttransport.api.RejectionReason;
import io.agenttransport.api.RequestRejectedException;
import io.agenttransport.config.ClientSettings;
import io.agenttransport.config.ConfigException;
import io.agenttransport.config.CoreConfig;
import io.agenttransport.config.CoreTlsConfig;
import io.agenttransport.config.SigningConfig;
import io.agenttransport.security.InboundRequest;
import io.agenttransport.security.OutboundRequest;
import io.agenttransport.testing.TestPki;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.greenbytes.http.sfv.InnerList;
import org.greenbytes.http.sfv.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestSignerTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);
  private static final AgentAddress AGENT = AgentAddress.parse("https://agent-1.test:8443");
  private static final byte[] BODY = "{\"kind\":\"restart\"}".getBytes(StandardCharsets.UTF_8);

  @TempDir Path directory;

  private static KeyPair keyPair(String algorithm, int size) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
    if (size > 0) {
      generator.initialize(size);
    }
    return generator.generateKeyPair();
  }

  private static OutboundRequest schedule() {
    return new OutboundRequest(
        AgentOperation.ACTION_SCHEDULE,
        "POST",
        "agent-1.test:8443",
        "/api/unstable/action",
        "?",
        "application/json",
        BODY);
  }

  private static InnerList signatureInput(Map<String, String> fields) {
    return (InnerList)
        Parser.parseDictionary(fields.get("signature-input")).get().get(RequestSigner.LABEL);
  }

  private static InboundRequest inbound(OutboundRequest request, Map<String, String> fields) {
    Map<String, List<String>> received =
        Map.of(
            "content-type", List.of("application/json"),
            "content-digest", List.of(fields.get("content-digest")),
            "signature-input", List.of(fields.get("signature-input")),
            "signature", List.of(fields.get("signature")));
    return new InboundRequest(
        request.operation(),
        true,
        List.of(),
        new InetSocketAddress("127.0.0.1", 8443),
        Map.of(
            "@method", request.method(),
            "@authority", request.authority(),
            "@path", request.path(),
            "@query", request.query()),
        received,
        request.body());
  }

  private Path writePrivateKey(PrivateKey key) throws Exception {
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    return Files.writeString(directory.resolve("key-" + System.nanoTime() + ".pem"), pem);
  }

  @Test
  void signReturnsFieldsInSendingOrder() throws Exception {
    RequestSigner signer = RequestSigner.create("core", keyPair("Ed25519", 0).getPrivate(), CLOCK);

    Map<String, String> fields = signer.sign(schedule());

    assertThat(fields).containsOnlyKeys("content-digest", "signature-input", "signature");
    assertThat(List.copyOf(fields.keySet()))
        .containsExactly("content-digest", "signature-input", "signature");
  }

  @Test
  void signWithoutBodyOmitsDigest() throws Exception {
    RequestSigner signer = RequestSigner.create("core", keyPair("Ed25519", 0).getPrivate(), CLOCK);
    OutboundRequest read =
        new OutboundRequest(
            AgentOperation.NODE_INFO,
            "GET",
            "agent-1.test:8443",
            "/api/unstable/info/node",
            "?",
            null,
            new byte[0]);

    Map<String, String> fields = signer.sign(read);

    assertThat(fields).containsOnlyKeys("signature-input", "signature");
  }

  @Test
  void signatureInputCoversRequiredComponents() throws Exception {
    RequestSigner signer = RequestSigner.create("core", keyPair("Ed25519", 0).getPrivate(), CLOCK);

    InnerList input = signatureInput(signer.sign(schedule()));

    assertThat(input.get())
        .extracting(item -> (String) item.get())
        .containsExactly(
            "@method", "@authority", "@path", "@query", "content-digest", "content-type");
  }

  @Test
  void signatureInputCarriesParametersWithoutAlg() throws Exception {
    RequestSigner signer = RequestSigner.create("core", keyPair("Ed25519", 0).getPrivate(), CLOCK);

    InnerList input = signatureInput(signer.sign(schedule()));

    assertThat(input.getParams().keySet())
        .containsExactly("created", "expires", "nonce", "keyid", "tag");
  }

  @Test
  void expiresFollowsCreatedByValidity() throws Exception {
    RequestSigner signer = RequestSigner.create("core", keyPair("Ed25519", 0).getPrivate(), CLOCK);

    InnerList input = signatureInput(signer.sign(schedule()));

    long created = (Long) input.getParams().get("created").get();
    long expires = (Long) input.getParams().get("expires").get();
    assertThat(created).isEqualTo(CLOCK.instant().getEpochSecond());
    assertThat(expires - created).isEqualTo(RequestSigner.VALIDITY.toSeconds());
  }

  @Test
  void nonceHas128RandomBits() throws Exception {
    RequestSigner signer = RequestSigner.create("core", keyPair("Ed25519", 0).getPrivate(), CLOCK);

    String first = (String) signatureInput(signer.sign(schedule())).getParams().get("nonce").get();
    String second = (String) signatureInput(signer.sign(schedule())).getParams().get("nonce").get();

    assertThat(Base64.getUrlDecoder().decode(first)).hasSize(16);
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void ed25519SignatureVerifies() throws Exception {
    KeyPair keys = keyPair("Ed25519", 0);
    RequestSigner signer = RequestSigner.create("core", keys.getPrivate(), CLOCK);
    SignatureVerifier verifier =
        new SignatureVerifier(
            List.of(new TrustedKey("core", keys.getPublic(), SignatureAlgorithm.ED25519)));

    assertThat(verifier.verify(inbound(schedule(), signer.sign(schedule())))).isPresent();
  }

  @Test
  void ecdsaSignatureIsRawAndVerifies() throws Exception {
    KeyPair keys = keyPair("EC", 256);
    RequestSigner signer = RequestSigner.create("core", keys.getPrivate(), CLOCK);
    SignatureVerifier verifier =
        new SignatureVerifier(
            List.of(
                new TrustedKey("core", keys.getPublic(), SignatureAlgorithm.ECDSA_P256_SHA256)));

    Map<String, String> fields = signer.sign(schedule());

    String value = fields.get("signature");
    byte[] raw =
        Base64.getDecoder().decode(value.substring(value.indexOf(':') + 1, value.length() - 1));
    assertThat(raw).hasSize(64);
    assertThat(verifier.verify(inbound(schedule(), fields))).isPresent();
  }

  @Test
  void rsaPssSignatureVerifies() throws Exception {
    KeyPair keys = keyPair("RSA", 2048);
    RequestSigner signer = RequestSigner.create("core", keys.getPrivate(), CLOCK);
    SignatureVerifier verifier =
        new SignatureVerifier(
            List.of(new TrustedKey("core", keys.getPublic(), SignatureAlgorithm.RSA_PSS_SHA512)));

    assertThat(verifier.verify(inbound(schedule(), signer.sign(schedule())))).isPresent();
  }

  @Test
  void claimedKeyIdReadFromSignatureInput() throws Exception {
    RequestSigner signer =
        RequestSigner.create("core-7", keyPair("Ed25519", 0).getPrivate(), CLOCK);

    InboundRequest request = inbound(schedule(), signer.sign(schedule()));

    assertThat(SignatureVerifier.claimedKeyId(request)).contains("core-7");
  }

  @Test
  void p384KeyRejected() throws Exception {
    PrivateKey key = keyPair("EC", 384).getPrivate();

    assertThatThrownBy(() -> RequestSigner.create("core", key, CLOCK))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("P-256");
  }

  @Test
  void toStringOmitsKey() throws Exception {
    RequestSigner signer = RequestSigner.create("core", keyPair("Ed25519", 0).getPrivate(), CLOCK);

    assertThat(signer.toString()).isEqualTo("RequestSigner[keyId=core, algorithm=ed25519]");
  }

  @Test
  void fromConfigReadsSigningKey() throws Exception {
    Path key = writePrivateKey(keyPair("Ed25519", 0).getPrivate());
    CoreConfig config =
        new CoreConfig(
            "http",
            null,
            new SigningConfig("core-1", key, null),
            ClientSettings.DEFAULTS,
            List.of(),
            Map.of());

    RequestSigner signer = RequestSigner.fromConfig(config, CLOCK);

    assertThat(signer).isNotNull();
    assertThat(signer.algorithm()).isEqualTo(SignatureAlgorithm.ED25519);
  }

  @Test
  void fromConfigFallsBackToClientKey() throws Exception {
    Path key = writePrivateKey(keyPair("EC", 256).getPrivate());
    CoreConfig config =
        new CoreConfig(
            "http",
            new CoreTlsConfig(directory.resolve("ca.pem"), key, null, null),
            new SigningConfig("core-1", null, null),
            ClientSettings.DEFAULTS,
            List.of(),
            Map.of());

    RequestSigner signer = RequestSigner.fromConfig(config, CLOCK);

    assertThat(signer).isNotNull();
    assertThat(signer.algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
  }

  @Test
  void clientKeyWithoutCurveUsesClientCert() throws Exception {
    TestPki.Issued core = TestPki.certificate("core").build();
    Path key = directory.resolve("core.key");
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      // Given a JDK EC key, this writer emits SEC1 without the curve.
      writer.writeObject(core.privateKey());
    }
    Files.writeString(key, text.toString());
    Path cert = TestPki.writePem(directory.resolve("core.crt"), core.certificate());
    CoreConfig config =
        new CoreConfig(
            "http",
            new CoreTlsConfig(directory.resolve("ca.pem"), key, cert, null),
            new SigningConfig("core-1", null, null),
            ClientSettings.DEFAULTS,
            List.of(),
            Map.of());

    RequestSigner signer = RequestSigner.fromConfig(config, CLOCK);

    assertThat(signer).isNotNull();
    assertThat(signer.algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
  }

  @Test
  void fromConfigWithoutSigningReturnsNull() {
    CoreConfig config =
        new CoreConfig("http", null, null, ClientSettings.DEFAULTS, List.of(), Map.of());

    assertThat(RequestSigner.fromConfig(config, CLOCK)).isNull();
  }

  @Test
  void fromConfigWithoutAnyKeyFails() {
    CoreConfig config =
        new CoreConfig(
            "http",
            null,
            new SigningConfig("core-1", null, null),
            ClientSettings.DEFAULTS,
            List.of(),
            Map.of());

    assertThatThrownBy(() -> RequestSigner.fromConfig(config, CLOCK))
        .isInstanceOfSatisfying(
            ConfigException.class, e -> assertThat(e.key()).isEqualTo("signing.key"));
  }

  @Test
  void plainTextActionRefused() {
    assertThatThrownBy(
            () ->
                RequestSigner.requireActionAllowed(
                    AGENT, AgentOperation.ACTION_SCHEDULE, false, null))
        .isInstanceOfSatisfying(
            RequestRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(RejectionReason.PLAINTEXT_ACTION))
        .hasMessageContaining("tls.ca_bundle")
        .hasMessageContaining("tls.client_key");
  }

  @Test
  void unsignedActionRefused() {
    assertThatThrownBy(
            () ->
                RequestSigner.requireActionAllowed(AGENT, AgentOperation.ACTION_QUEUE, true, null))
        .isInstanceOfSatisfying(
            RequestRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(RejectionReason.SIGNING_KEY_MISSING))
        .hasMessageContaining("signing.key_id");
  }

  @Test
  void plainTextReadAllowed() {
    assertThatCode(
            () -> RequestSigner.requireActionAllowed(AGENT, AgentOperation.NODE_INFO, false, null))
        .doesNotThrowAnyException();
  }

  @Test
  void signedActionOverTlsAllowed() throws Exception {
    RequestSigner signer = RequestSigner.create("core", keyPair("Ed25519", 0).getPrivate(), CLOCK);

    assertThatCode(
            () ->
                RequestSigner.requireActionAllowed(
                    AGENT, AgentOperation.ACTION_SCHEDULE, true, signer))
        .doesNotThrowAnyException();
  }
}
