package io.agenttransport.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agenttransport.api.AgentOperation;
import io.agenttransport.api.RejectionReason;
import io.agenttransport.api.RequestRejectedException;
import io.agenttransport.config.ActionsMode;
import io.agenttransport.config.ReplaySettings;
import io.agenttransport.security.signature.RequestSigner;
import io.agenttransport.security.signature.SignatureAlgorithm;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RequestGuardTest {
  private static final String KEY_ID = "core-1";
  private static final String AUTHORITY = "agent-1.test:8443";
  private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 8443);
  private static final byte[] BODY =
      "{\"kind\":\"restart\",\"args\":{}}".getBytes(StandardCharsets.UTF_8);
  private static final List<String> ALL_COMPONENTS =
      List.of("@method", "@authority", "@path", "@query", "content-digest", "content-type");

  private static KeyPair coreKeys;
  private static KeyPair otherKeys;
  private static X509Certificate agentCertificate;
  private static X509Certificate coreCertificate;

  private MutableClock clock;
  private RequestGuard guard;
  private RequestSigner signer;

  @BeforeAll
  static void createKeys() throws Exception {
    coreKeys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    otherKeys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    agentCertificate = TestCertificates.selfSigned("agent-1", "agent-1.test", "127.0.0.1");
    coreCertificate = TestCertificates.selfSigned("core", "core.test", "127.0.0.2");
  }

  @BeforeEach
  void createGuard() {
    clock = new MutableClock(Instant.parse("2026-12-04T12:00:00.250Z"));
    guard = guardBuilder(clock).build();
    signer = RequestSigner.create(KEY_ID, coreKeys.getPrivate(), clock);
  }

  private static RequestGuard.Builder guardBuilder(Clock clock) {
    return RequestGuard.builder(clock)
        .actions(ActionsMode.ENABLED)
        .serverTls(true, true, agentCertificate)
        .trustKey(KEY_ID, coreKeys.getPublic(), SignatureAlgorithm.ED25519);
  }

  private static OutboundRequest schedule(String authority) {
    return new OutboundRequest(
        AgentOperation.ACTION_SCHEDULE,
        "POST",
        authority,
        "/api/unstable/action",
        "?",
        "application/json",
        BODY);
  }

  private InboundBuilder signedSchedule() {
    OutboundRequest request = schedule(AUTHORITY);
    return InboundBuilder.of(request, signer.sign(request), coreCertificate, LOCAL);
  }

  private InboundBuilder signedNodeInfo() {
    OutboundRequest request =
        new OutboundRequest(
            AgentOperation.NODE_INFO,
            "GET",
            AUTHORITY,
            "/api/unstable/info/node",
            "?",
            null,
            new byte[0]);
    return InboundBuilder.of(request, signer.sign(request), coreCertificate, LOCAL);
  }

  private InboundBuilder unsignedSchedule() {
    return InboundBuilder.unsigned(schedule(AUTHORITY), coreCertificate, LOCAL);
  }

  private String manualParams(long created, long expires, String extra) {
    return ";created="
        + created
        + ";expires="
        + expires
        + ";nonce=\"n-"
        + System.nanoTime()
        + "\";keyid=\""
        + KEY_ID
        + "\""
        + extra;
  }

  private String requestParams() {
    long now = clock.instant().getEpochSecond();
    return manualParams(now, now + 30, ";tag=\"" + RequestSigner.REQUEST_TAG + "\"");
  }

  private InboundRequest manuallySigned(List<String> components, String params) throws Exception {
    return unsignedSchedule()
        .field("content-digest", digestOf(BODY))
        .signManually(components, params, coreKeys.getPrivate())
        .build();
  }

  private static String digestOf(byte[] body) throws Exception {
    byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(body);
    return "sha-256=:" + Base64.getEncoder().encodeToString(digest) + ":";
  }

  private void assertRejected(RequestGuard target, InboundRequest request, RejectionReason reason) {
    assertThatThrownBy(() -> target.check(request))
        .isInstanceOfSatisfying(
            RequestRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  private void assertRejected(InboundRequest request, RejectionReason reason) {
    assertRejected(guard, request, reason);
  }

  @Test
  void signedActionAccepted() {
    InboundRequest request = signedSchedule().build();

    assertThatCode(() -> guard.check(request)).doesNotThrowAnyException();
  }

  @Test
  void manuallySignedActionAccepted() throws Exception {
    InboundRequest request = manuallySigned(ALL_COMPONENTS, requestParams());

    assertThatCode(() -> guard.check(request)).doesNotThrowAnyException();
  }

  @Test
  void unsignedStateChangeRejected() {
    assertRejected(unsignedSchedule().build(), RejectionReason.SIGNATURE_MISSING);
  }

  @Test
  void unsignedReadAccepted() {
    OutboundRequest read =
        new OutboundRequest(
            AgentOperation.NODE_INFO,
            "GET",
            AUTHORITY,
            "/api/unstable/info/node",
            "?",
            null,
            new byte[0]);
    InboundRequest request = InboundBuilder.unsigned(read, coreCertificate, LOCAL).build();

    assertThatCode(() -> guard.check(request)).doesNotThrowAnyException();
  }

  @Test
  void unsignedReadRejectedWhenAllSigned() {
    RequestGuard strict = guardBuilder(clock).requireAllSigned(true).build();
    OutboundRequest read =
        new OutboundRequest(
            AgentOperation.NODE_INFO,
            "GET",
            AUTHORITY,
            "/api/unstable/info/node",
            "?",
            null,
            new byte[0]);

    assertRejected(
        strict,
        InboundBuilder.unsigned(read, coreCertificate, LOCAL).build(),
        RejectionReason.SIGNATURE_MISSING);
  }

  @Test
  void signedReadAccepted() {
    InboundRequest request = signedNodeInfo().build();

    assertThatCode(() -> guard.check(request)).doesNotThrowAnyException();
  }

  @Test
  void bodyChangedOneByteRejected() {
    byte[] changed = BODY.clone();
    changed[3] ^= 1;

    assertRejected(signedSchedule().body(changed).build(), RejectionReason.DIGEST_MISMATCH);
  }

  @Test
  void methodChangedRejected() {
    assertRejected(
        signedSchedule().derived("@method", "PUT").build(), RejectionReason.SIGNATURE_INVALID);
  }

  @Test
  void pathChangedRejected() {
    assertRejected(
        signedSchedule().derived("@path", "/api/unstable/actions").build(),
        RejectionReason.SIGNATURE_INVALID);
  }

  @Test
  void queryChangedRejected() {
    assertRejected(
        signedSchedule().derived("@query", "?force=true").build(),
        RejectionReason.SIGNATURE_INVALID);
  }

  @Test
  void authorityChangedRejected() {
    assertRejected(
        signedSchedule().derived("@authority", "127.0.0.1:8443").build(),
        RejectionReason.SIGNATURE_INVALID);
  }

  @Test
  void pathNotCoveredRejected() throws Exception {
    List<String> components =
        List.of("@method", "@authority", "@query", "content-digest", "content-type");

    assertRejected(
        manuallySigned(components, requestParams()), RejectionReason.COMPONENT_NOT_COVERED);
  }

  @Test
  void digestNotCoveredRejected() throws Exception {
    List<String> components = List.of("@method", "@authority", "@path", "@query", "content-type");

    assertRejected(
        manuallySigned(components, requestParams()), RejectionReason.COMPONENT_NOT_COVERED);
  }

  @Test
  void createdNotCoveredRejected() throws Exception {
    long now = clock.instant().getEpochSecond();
    String params =
        ";expires="
            + (now + 30)
            + ";nonce=\"n1\";keyid=\""
            + KEY_ID
            + "\";tag=\""
            + RequestSigner.REQUEST_TAG
            + "\"";

    assertRejected(manuallySigned(ALL_COMPONENTS, params), RejectionReason.COMPONENT_NOT_COVERED);
  }

  @Test
  void nonceNotCoveredRejected() throws Exception {
    long now = clock.instant().getEpochSecond();
    String params =
        ";created="
            + now
            + ";expires="
            + (now + 30)
            + ";keyid=\""
            + KEY_ID
            + "\";tag=\""
            + RequestSigner.REQUEST_TAG
            + "\"";

    assertRejected(manuallySigned(ALL_COMPONENTS, params), RejectionReason.COMPONENT_NOT_COVERED);
  }

  @Test
  void unknownKeyIdRejected() {
    RequestSigner stranger = RequestSigner.create("core-2", otherKeys.getPrivate(), clock);
    OutboundRequest request = schedule(AUTHORITY);
    InboundRequest inbound =
        InboundBuilder.of(request, stranger.sign(request), coreCertificate, LOCAL).build();

    assertRejected(inbound, RejectionReason.UNKNOWN_KEY);
  }

  @Test
  void otherKeyUnderTrustedIdRejected() {
    RequestSigner impostor = RequestSigner.create(KEY_ID, otherKeys.getPrivate(), clock);
    OutboundRequest request = schedule(AUTHORITY);
    InboundRequest inbound =
        InboundBuilder.of(request, impostor.sign(request), coreCertificate, LOCAL).build();

    assertRejected(inbound, RejectionReason.SIGNATURE_INVALID);
  }

  @Test
  void algorithmMismatchRejected() throws Exception {
    long now = clock.instant().getEpochSecond();
    String params =
        manualParams(
            now, now + 30, ";tag=\"" + RequestSigner.REQUEST_TAG + "\";alg=\"hmac-sha256\"");

    assertRejected(manuallySigned(ALL_COMPONENTS, params), RejectionReason.ALGORITHM_MISMATCH);
  }

  @Test
  void matchingAlgorithmAccepted() throws Exception {
    long now = clock.instant().getEpochSecond();
    String params =
        manualParams(now, now + 30, ";tag=\"" + RequestSigner.REQUEST_TAG + "\";alg=\"ed25519\"");
    InboundRequest request = manuallySigned(ALL_COMPONENTS, params);

    assertThatCode(() -> guard.check(request)).doesNotThrowAnyException();
  }

  @Test
  void duplicatedCoveredHeaderRejected() {
    InboundRequest request =
        signedSchedule().field("content-type", "application/json", "text/plain").build();

    assertRejected(request, RejectionReason.AMBIGUOUS_COMPONENT);
  }

  @Test
  void lineBreakInCoveredHeaderRejected() {
    InboundRequest request =
        signedSchedule().field("content-type", "application/json\r\nx-admin: 1").build();

    assertRejected(request, RejectionReason.AMBIGUOUS_COMPONENT);
  }

  @Test
  void controlCharacterInCoveredHeaderRejected() {
    OutboundRequest request =
        new OutboundRequest(
            AgentOperation.ACTION_SCHEDULE,
            "POST",
            AUTHORITY,
            "/api/unstable/action",
            "?",
            "application/json\u0000x",
            BODY);
    InboundRequest inbound =
        InboundBuilder.of(request, signer.sign(request), coreCertificate, LOCAL).build();

    assertRejected(inbound, RejectionReason.AMBIGUOUS_COMPONENT);
  }

  @Test
  void responseTagAsRequestRejected() throws Exception {
    long now = clock.instant().getEpochSecond();
    String params = manualParams(now, now + 30, ";tag=\"" + RequestSigner.RESPONSE_TAG + "\"");

    assertRejected(manuallySigned(ALL_COMPONENTS, params), RejectionReason.WRONG_AUDIENCE);
  }

  @Test
  void twoRequestSignaturesRejected() {
    InboundBuilder builder = signedSchedule();
    Map<String, String> second = signer.sign(schedule(AUTHORITY));
    String input = second.get("signature-input").replaceFirst("^agent=", "again=");
    InboundRequest request =
        builder
            .field(
                "signature-input", signer.sign(schedule(AUTHORITY)).get("signature-input"), input)
            .build();

    assertRejected(request, RejectionReason.SIGNATURE_INVALID);
  }

  @Test
  void replayedRequestRejected() {
    InboundRequest request = signedSchedule().build();
    guard.check(request);

    assertRejected(request, RejectionReason.REPLAYED_NONCE);
  }

  @Test
  void sameNonceUnderOtherKeyIdAccepted() throws Exception {
    RequestGuard twoKeys =
        guardBuilder(clock)
            .trustKey("core-2", otherKeys.getPublic(), SignatureAlgorithm.ED25519)
            .build();
    long now = clock.instant().getEpochSecond();
    String tail = ";tag=\"" + RequestSigner.REQUEST_TAG + "\"";
    String first = ";created=" + now + ";expires=" + (now + 30) + ";nonce=\"same\";keyid=\"";
    InboundRequest fromFirst =
        unsignedSchedule()
            .field("content-digest", digestOf(BODY))
            .signManually(ALL_COMPONENTS, first + KEY_ID + "\"" + tail, coreKeys.getPrivate())
            .build();
    InboundRequest fromSecond =
        unsignedSchedule()
            .field("content-digest", digestOf(BODY))
            .signManually(ALL_COMPONENTS, first + "core-2\"" + tail, otherKeys.getPrivate())
            .build();
    twoKeys.check(fromFirst);

    assertThatCode(() -> twoKeys.check(fromSecond)).doesNotThrowAnyException();
  }

  @Test
  void tooOldRejected() {
    InboundRequest request = signedSchedule().build();
    clock.advance(Duration.ofSeconds(61));

    assertRejected(request, RejectionReason.SIGNATURE_TOO_OLD);
  }

  @Test
  void createdInFutureRejected() {
    MutableClock ahead = new MutableClock(clock.instant().plusSeconds(11));
    RequestSigner early = RequestSigner.create(KEY_ID, coreKeys.getPrivate(), ahead);
    OutboundRequest request = schedule(AUTHORITY);
    InboundRequest inbound =
        InboundBuilder.of(request, early.sign(request), coreCertificate, LOCAL).build();

    assertRejected(inbound, RejectionReason.CREATED_IN_FUTURE);
  }

  @Test
  void expiredRejected() {
    InboundRequest request = signedSchedule().build();
    clock.advance(Duration.ofSeconds(31));

    assertRejected(request, RejectionReason.SIGNATURE_EXPIRED);
  }

  @Test
  void validityTooLongRejected() throws Exception {
    long now = clock.instant().getEpochSecond();
    String params = manualParams(now, now + 301, ";tag=\"" + RequestSigner.REQUEST_TAG + "\"");

    assertRejected(manuallySigned(ALL_COMPONENTS, params), RejectionReason.SIGNATURE_EXPIRED);
  }

  @Test
  void otherAgentAuthorityRejected() {
    OutboundRequest request = schedule("agent-2.test:8443");
    InboundRequest inbound =
        InboundBuilder.of(request, signer.sign(request), coreCertificate, LOCAL).build();

    assertRejected(inbound, RejectionReason.WRONG_AUDIENCE);
  }

  @Test
  void otherPortRejected() {
    OutboundRequest request = schedule("agent-1.test:9443");
    InboundRequest inbound =
        InboundBuilder.of(request, signer.sign(request), coreCertificate, LOCAL).build();

    assertRejected(inbound, RejectionReason.WRONG_AUDIENCE);
  }

  @Test
  void localAddressAuthorityAccepted() {
    OutboundRequest request = schedule("127.0.0.1:8443");
    InboundRequest inbound =
        InboundBuilder.of(request, signer.sign(request), coreCertificate, LOCAL).build();

    assertThatCode(() -> guard.check(inbound)).doesNotThrowAnyException();
  }

  @Test
  void ipv6LocalAddressAuthorityAccepted() {
    InetSocketAddress local = new InetSocketAddress("::1", 8443);
    OutboundRequest request = schedule("[::1]:8443");
    InboundRequest inbound =
        InboundBuilder.of(request, signer.sign(request), coreCertificate, local).build();

    assertThatCode(() -> guard.check(inbound)).doesNotThrowAnyException();
  }

  @Test
  void defaultHttpsPortOmittedAccepted() {
    InetSocketAddress local = new InetSocketAddress("127.0.0.1", 443);
    OutboundRequest request = schedule("agent-1.test");
    InboundRequest inbound =
        InboundBuilder.of(request, signer.sign(request), coreCertificate, local).build();

    assertThatCode(() -> guard.check(inbound)).doesNotThrowAnyException();
  }

  @Test
  void omittedPortOnOtherPortRejected() {
    OutboundRequest request = schedule("agent-1.test");
    InboundRequest inbound =
        InboundBuilder.of(request, signer.sign(request), coreCertificate, LOCAL).build();

    assertRejected(inbound, RejectionReason.WRONG_AUDIENCE);
  }

  @Test
  void bracketedIpv6WithoutPortAccepted() {
    InetSocketAddress local = new InetSocketAddress("::1", 443);
    OutboundRequest request = schedule("[::1]");
    InboundRequest inbound =
        InboundBuilder.of(request, signer.sign(request), coreCertificate, local).build();

    assertThatCode(() -> guard.check(inbound)).doesNotThrowAnyException();
  }

  @Test
  void unbracketedIpv6AuthorityRejected() {
    InetSocketAddress local = new InetSocketAddress("::1", 8443);
    OutboundRequest request = schedule("::1:8443");
    InboundRequest inbound =
        InboundBuilder.of(request, signer.sign(request), coreCertificate, local).build();

    assertRejected(inbound, RejectionReason.WRONG_AUDIENCE);
  }

  @Test
  void configuredAuthorityWithDefaultPort() {
    RequestGuard configured = guardBuilder(clock).authorities(List.of("db-1.internal:443")).build();
    OutboundRequest request = schedule("DB-1.internal");
    InboundRequest inbound =
        InboundBuilder.of(request, signer.sign(request), coreCertificate, LOCAL).build();

    assertThatCode(() -> configured.check(inbound)).doesNotThrowAnyException();
  }

  @Test
  void configuredAuthoritiesReplaceCertificateNames() {
    RequestGuard configured =
        guardBuilder(clock).authorities(List.of("db-1.internal:8443")).build();

    assertRejected(configured, signedSchedule().build(), RejectionReason.WRONG_AUDIENCE);
  }

  @Test
  void signedBeforeRestartRejected() {
    InboundRequest request = signedSchedule().build();
    clock.advance(Duration.ofSeconds(2));
    RequestGuard restarted = guardBuilder(clock).build();

    assertRejected(restarted, request, RejectionReason.SIGNATURE_TOO_OLD);
  }

  @Test
  void signedInStartSecondAccepted() {
    MutableClock signerClock = new MutableClock(Instant.parse("2026-12-04T12:00:00.100Z"));
    RequestSigner early = RequestSigner.create(KEY_ID, coreKeys.getPrivate(), signerClock);
    OutboundRequest request = schedule(AUTHORITY);
    InboundRequest inbound =
        InboundBuilder.of(request, early.sign(request), coreCertificate, LOCAL).build();

    assertThatCode(() -> guard.check(inbound)).doesNotThrowAnyException();
  }

  @Test
  void fullNonceCacheFailsClosed() {
    RequestGuard small =
        guardBuilder(clock)
            .replay(
                new ReplaySettings(
                    Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofMinutes(5), 3))
            .build();
    for (int i = 0; i < 3; i++) {
      small.check(signedSchedule().build());
    }

    assertRejected(small, signedSchedule().build(), RejectionReason.NONCE_CACHE_FULL);
  }

  @Test
  void fullNonceCacheRecoversAfterExpiry() {
    RequestGuard small =
        guardBuilder(clock)
            .replay(
                new ReplaySettings(
                    Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofMinutes(5), 3))
            .build();
    for (int i = 0; i < 3; i++) {
      small.check(signedSchedule().build());
    }
    clock.advance(Duration.ofSeconds(31));

    assertThatCode(() -> small.check(signedSchedule().build())).doesNotThrowAnyException();
  }

  @Test
  void plainTextActionRejected() {
    assertRejected(signedSchedule().plainText().build(), RejectionReason.PLAINTEXT_ACTION);
  }

  @Test
  void disabledActionsRejected() {
    RequestGuard disabled = guardBuilder(clock).actions(ActionsMode.DISABLED).build();

    assertRejected(disabled, signedSchedule().build(), RejectionReason.ACTIONS_DISABLED);
  }

  @Test
  void invalidSignatureInputRejected() {
    InboundRequest request =
        signedSchedule().field("signature-input", "agent=(\"@method\"").build();

    assertRejected(request, RejectionReason.SIGNATURE_INVALID);
  }

  @Test
  void signatureWithoutInputRejected() {
    OutboundRequest read =
        new OutboundRequest(
            AgentOperation.NODE_INFO,
            "GET",
            AUTHORITY,
            "/api/unstable/info/node",
            "?",
            null,
            new byte[0]);
    InboundRequest request =
        InboundBuilder.unsigned(read, coreCertificate, LOCAL)
            .field("signature", "agent=:AAAA:")
            .build();

    assertRejected(request, RejectionReason.SIGNATURE_INVALID);
  }

  @Test
  void trustKeyNotFittingAlgorithmRejected() {
    RequestGuard.Builder builder = RequestGuard.builder(clock);

    assertThatThrownBy(
            () -> builder.trustKey("k", coreKeys.getPublic(), SignatureAlgorithm.ECDSA_P256_SHA256))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ed25519");
  }

  @Test
  void missingSignatureFieldRejected() {
    InboundRequest request = signedSchedule().field("signature").build();

    assertRejected(request, RejectionReason.SIGNATURE_INVALID);
  }
}
