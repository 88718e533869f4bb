package io.agenttransport.tck;

import static io.agenttransport.tck.internal.Rules.assertFailureType;
import static io.agenttransport.tck.internal.Rules.assertNothingStored;
import static io.agenttransport.tck.internal.Rules.successAction;
import static org.assertj.core.api.Assertions.assertThat;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentErrorException;
import io.agenttransport.api.RequestRejectedException;
import io.agenttransport.api.TransportException;
import io.agenttransport.tck.internal.Tamper;
import io.agenttransport.tck.pki.KeyType;
import io.agenttransport.tck.wire.CapturedRequest;
import io.agenttransport.tck.wire.WireResponse;
import io.agenttransport.tck.wire.WireTap;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Security rules B17 to B28: message integrity. Core signs every state-changing request; the
 * agent's transport hands the request as received to {@code RequestGuard.check} and serves only
 * what it accepts. Most rules here capture a real signed request with the wire hook, alter it and
 * resend it; a provider whose test class has no wire hook skips them.
 *
 * <p>A failure of a tamper rule usually means the agent's transport does not call the guard for
 * that operation, or passes it something other than what arrived: the raw method, authority, path
 * and query, every value of every header field, and the body bytes before any decoding.
 */
public interface SignatureRules extends TckSubject {
  /** B17: a correctly signed schedule request from core is accepted and runs once. */
  @Test
  default void required_sec_B17_signedRequestAccepted(Tck tck) {
    RunningAgent agent = tck.startAgent();

    tck.await(tck.client().open(agent).scheduleAction(successAction()));

    assertThat(agent.storedActions()).as("actions stored after one signed request").hasSize(1);
  }

  /** B18: a state-changing request without a signature over valid mutual TLS is rejected. */
  @Test
  default void required_sec_B18_unsignedRequestRejected(Tck tck) {
    Tamper tamper = Tamper.start(tck);

    tamper.assertRejected(
        request -> request.withoutField("signature").withoutField("signature-input"),
        "no signature");
  }

  /** B19: a body changed by one byte after signing is rejected (content digest mismatch). */
  @Test
  default void required_sec_B19_bodyChangedAfterSigningRejected(Tck tck) {
    Tamper tamper = Tamper.start(tck);

    tamper.assertRejected(Tamper::flipMarkerByte, "one body byte changed after signing");
  }

  /** B20: a method, path, query or authority changed after signing is rejected. */
  @Test
  default void required_sec_B20_requestLineChangedAfterSigningRejected(Tck tck) {
    Tamper tamper = Tamper.start(tck);
    AgentAddress agent = tamper.agent().address();

    tamper.assertRejected(request -> request.withMethod("PUT"), "the method changed");
    tamper.assertRejected(request -> request.withTarget(request.path() + "/"), "the path changed");
    tamper.assertRejected(
        request -> request.withTarget(request.path() + "?dry_run=true"), "a query added");
    tamper.assertRejected(
        request -> request.withField("host", agent.authority()), "the authority changed");
  }

  /**
   * B21: a signature that does not cover the content digest is rejected. The rule removes the
   * component from the signature input of a captured request, so it checks that the agent verifies
   * the signature parameters as received.
   */
  @Test
  default void required_sec_B21_uncoveredComponentRejected(Tck tck) {
    Tamper tamper = Tamper.start(tck);

    tamper.assertRejected(
        request -> Tamper.uncover(request, "content-digest"), "the content digest not covered");
    tamper.assertRejected(request -> Tamper.uncover(request, "@path"), "the path not covered");
  }

  /**
   * B22: a request signed by a key that is not core's, under core's key id, is rejected and nothing
   * runs.
   */
  @Test
  default void required_sec_B22_foreignKeyRejected(Tck tck) {
    RunningAgent agent = tck.startAgent();

    TransportException failure =
        tck.awaitFailure(
            tck.client()
                .signingKey(TckPki.SIGNING_KEY_ID, tck.pki().otherSigningKey().getPrivate())
                .open(agent)
                .scheduleAction(successAction()),
            "no failure for the request signed by a foreign key");

    assertFailureType(failure, "request signed by a foreign key", RequestRejectedException.class);
    assertNothingStored(agent, "request signed by a foreign key");
  }

  /**
   * B23: a request signed with another algorithm than the one pinned for the key id is rejected.
   * Core signs with an Ed25519 key under the key id pinned to ECDSA P-256.
   */
  @Test
  default void required_sec_B23_algorithmMismatchRejected(Tck tck) {
    RunningAgent agent = tck.startAgent();

    TransportException failure =
        tck.awaitFailure(
            tck.client()
                .signingKey(TckPki.SIGNING_KEY_ID, KeyType.ED25519.generate().getPrivate())
                .open(agent)
                .scheduleAction(successAction()),
            "no failure for the request signed with another algorithm");

    assertFailureType(
        failure, "request signed with another algorithm", RequestRejectedException.class);
    assertNothingStored(agent, "request signed with another algorithm");
  }

  /** B24: an ECDSA signature with r = s = 0 is rejected. */
  @Test
  default void required_sec_B24_zeroEcdsaSignatureRejected(Tck tck) {
    Tamper tamper = Tamper.start(tck);

    tamper.assertRejected(Tamper::zeroSignature, "an all-zero ECDSA signature");
  }

  /**
   * B25: a covered header field sent twice is rejected, so no ambiguous signature base exists. A
   * failure means the transport passes only one value of a repeated field to the guard.
   */
  @Test
  default void required_sec_B25_duplicatedCoveredFieldRejected(Tck tck) {
    Tamper tamper = Tamper.start(tck);

    tamper.assertRejected(
        request ->
            request.withAddedField("content-digest", request.values("content-digest").get(0)),
        "the content digest field sent twice");
  }

  /**
   * B26: a validly signed body with duplicate JSON keys is rejected with 400 and nothing runs. A
   * failure means the agent decodes the body with a parser that keeps the last duplicate: decode
   * with {@code AgentJson}.
   */
  @Test
  default void required_sec_B26_duplicateJsonKeysRejected(Tck tck) {
    Tamper tamper = Tamper.start(tck);
    WireTap tap = tamper.tap();
    Assumptions.assumeTrue(tap.carriesJsonBodies(), "the transport does not carry JSON bodies");
    String body =
        "{\"kind\":\"agent.replicante.io/test.success\",\"kind\":\"agent.replicante.io/test.fail\","
            + "\"id\":\""
            + UUID.randomUUID()
            + "\",\"args\":{}}";
    CapturedRequest captured = tamper.captureSchedule();
    CapturedRequest resigned =
        tap.resign(
            captured.withBody(body.getBytes(StandardCharsets.UTF_8)),
            tamper.recorder().address().authority(),
            io.agenttransport.security.signature.RequestSigner.create(
                TckPki.SIGNING_KEY_ID,
                tck.pki().signingKey().getPrivate(),
                java.time.Clock.systemUTC()));

    WireResponse response = tamper.send(resigned);

    assertThat(response.status()).as("status for duplicate keys in a signed body").isEqualTo(400);
    assertNothingStored(tamper.agent(), "duplicate keys in a signed JSON body");
  }

  /**
   * B27: a response signature replayed as a request. Not yet in the TCK: agents do not sign
   * responses in this version of the framework, so there is no response signature to replay.
   */
  @Test
  default void required_sec_B27_responseSignatureReplayRejected() {
    Assumptions.abort("not yet in the TCK: agents do not sign responses in this framework version");
  }

  /**
   * B28: digest and signature comparisons are constant-time. Not a runtime rule: timing cannot be
   * asserted reliably in a test, and the comparisons are the framework's, not the provider's.
   */
  @Test
  default void required_sec_B28_constantTimeComparisons() {
    Assumptions.abort(
        "not yet in the TCK: constant-time comparison is checked by review of the framework,"
            + " not by timing in a test");
  }

  /** Returns whether {@code failure} is a 400 agent error or a malformed-request rejection. */
  static boolean isBadRequest(TransportException failure) {
    return failure instanceof AgentErrorException error && error.status() == 400
        || failure instanceof RequestRejectedException;
  }
}
