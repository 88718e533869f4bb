package io.agenttransport.tck.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.agenttransport.model.ActionScheduleRequest;
import io.agenttransport.model.JsonValue;
import io.agenttransport.tck.RunningAgent;
import io.agenttransport.tck.Tck;
import io.agenttransport.tck.wire.CapturedRequest;
import io.agenttransport.tck.wire.Recorder;
import io.agenttransport.tck.wire.WireResponse;
import io.agenttransport.tck.wire.WireTap;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A bench for tamper rules: a recorder that captures core's signed requests and an agent that
 * accepts requests signed for the recorder's address, so that a captured request can be resent to
 * it, altered or not.
 */
public final class Tamper {
  /** The argument value whose first byte tamper rules change; any change keeps the JSON valid. */
  public static final String MARKER = "tck-marker";

  private final Tck tck;
  private final WireTap tap;
  private final Recorder recorder;
  private final RunningAgent agent;

  private Tamper(Tck tck, WireTap tap, Recorder recorder, RunningAgent agent) {
    this.tck = tck;
    this.tap = tap;
    this.recorder = recorder;
    this.agent = agent;
  }

  /** Starts the bench, or skips the rule when the provider's test class has no wire hook. */
  public static Tamper start(Tck tck) {
    WireTap tap = tck.requireWireTap();
    Recorder recorder = tck.startRecorder(tap);
    RunningAgent agent = tck.agent().authorities(List.of(recorder.address().authority())).start();
    return new Tamper(tck, tap, recorder, agent);
  }

  /** Returns a schedule request whose arguments contain {@link #MARKER}. */
  public static ActionScheduleRequest markedAction() {
    return ActionScheduleRequest.create(
        Rules.SUCCESS_KIND, JsonValue.parse("{\"note\":\"" + MARKER + "\"}"));
  }

  /** Returns the wire hook. */
  public WireTap tap() {
    return tap;
  }

  /** Returns the recorder. */
  public Recorder recorder() {
    return recorder;
  }

  /** Returns the agent that accepts requests signed for the recorder. */
  public RunningAgent agent() {
    return agent;
  }

  /** Captures a freshly signed schedule request with a new action id. */
  public CapturedRequest captureSchedule() {
    return tck.capture(recorder, channel -> channel.scheduleAction(markedAction()));
  }

  /** Sends {@code request} to the agent over TLS with core's certificate. */
  public WireResponse send(CapturedRequest request) {
    return tap.send(request, agent.address(), true, tck.tapContext());
  }

  /**
   * Captures a schedule request, sends it altered by {@code mutation} and asserts that the agent
   * rejects it and stores nothing; then sends the unaltered request and asserts that the agent
   * accepts it, which proves that the alteration caused the rejection.
   */
  public void assertRejected(UnaryOperator<CapturedRequest> mutation, String fault) {
    int storedBefore = agent.storedActions().size();
    CapturedRequest original = captureSchedule();

    WireResponse altered = send(mutation.apply(original));
    int storedAfterAltered = agent.storedActions().size();
    WireResponse control = send(original);

    assertThat(altered.accepted())
        .as("agent accepted a request with %s: %s", fault, altered)
        .isFalse();
    assertThat(storedAfterAltered)
        .as("actions stored after a request with %s", fault)
        .isEqualTo(storedBefore);
    assertThat(control.accepted())
        .as("agent rejected the unaltered request (control): %s", control)
        .isTrue();
  }

  /** Returns a copy whose body has the first byte of {@link #MARKER} changed. */
  public static CapturedRequest flipMarkerByte(CapturedRequest request) {
    int index = request.bodyText().indexOf(MARKER);
    if (index < 0) {
      throw new IllegalStateException("captured body does not contain the marker " + MARKER);
    }
    int byteIndex = request.bodyText().substring(0, index).getBytes(StandardCharsets.UTF_8).length;
    return request.withBodyByteFlipped(byteIndex);
  }

  /** Returns a copy whose signature value is an all-zero ECDSA signature (r = s = 0). */
  public static CapturedRequest zeroSignature(CapturedRequest request) {
    String signature = request.values("signature").get(0);
    String label = signature.substring(0, signature.indexOf('='));
    String zeros = Base64.getEncoder().encodeToString(new byte[64]);
    return request.withField("signature", label + "=:" + zeros + ":");
  }

  /** Returns a copy whose signature input no longer lists {@code component}. */
  public static CapturedRequest uncover(CapturedRequest request, String component) {
    String input = request.values("signature-input").get(0);
    String changed =
        input.replace(" \"" + component + "\"", "").replace("\"" + component + "\" ", "");
    return request.withField("signature-input", changed);
  }
}
