package io.agenttransport.tck;

import static io.agenttransport.tck.internal.Rules.assertFailureType;
import static io.agenttransport.tck.internal.Rules.assertNothingStored;
import static io.agenttransport.tck.internal.Rules.successAction;
import static org.assertj.core.api.Assertions.assertThat;

import io.agenttransport.agent.ReferenceAgent;
import io.agenttransport.api.AgentChannel;
import io.agenttransport.api.AgentErrorException;
import io.agenttransport.api.CallOptions;
import io.agenttransport.api.CallTimeoutException;
import io.agenttransport.api.ConflictException;
import io.agenttransport.api.RequestRejectedException;
import io.agenttransport.api.TransportException;
import io.agenttransport.config.ReplaySettings;
import io.agenttransport.model.ActionScheduleRequest;
import io.agenttransport.tck.internal.BlockingAgent;
import io.agenttransport.tck.internal.Tamper;
import io.agenttransport.tck.wire.CapturedRequest;
import io.agenttransport.tck.wire.WireResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Security rules C29 to C36: replay. A signed request is valid once, inside a short window, and
 * only at the agent it was signed for. A failure here usually means the agent's transport does not
 * pass the {@code signature-input} parameters or the authority it received to the guard, or keeps
 * no guard per running agent.
 */
public interface ReplayRules extends TckSubject {
  /**
   * C29: the same signed request sent twice is accepted once and the action runs once. The second
   * delivery must be stopped by the replay check, not by the agent's duplicate-id conflict (409).
   */
  @Test
  default void required_sec_C29_sameRequestTwiceRejected(Tck tck) {
    Tamper tamper = Tamper.start(tck);
    CapturedRequest request = tamper.captureSchedule();

    WireResponse first = tamper.send(request);
    WireResponse second = tamper.send(request);

    assertThat(first.accepted()).as("first delivery of a signed request: %s", first).isTrue();
    assertThat(second.accepted()).as("agent accepted a replayed request: %s", second).isFalse();
    assertThat(second.status())
        .as(
            "agent accepted a replayed request up to the action store, which only its duplicate"
                + " action id stopped (409): the replay check must reject it first")
        .isNotEqualTo(409);
    assertThat(tamper.agent().storedActions()).as("actions stored after a replay").hasSize(1);
  }

  /** C30: a request whose {@code created} is older than the maximum age is rejected. */
  @Test
  default void required_sec_C30_createdTooOldRejected(Tck tck) {
    assertSignedAtRejected(tck, Duration.ofMinutes(-10), "a signature created ten minutes ago");
  }

  /** C31: a request whose {@code created} is further ahead than the clock skew is rejected. */
  @Test
  default void required_sec_C31_createdInFutureRejected(Tck tck) {
    assertSignedAtRejected(tck, Duration.ofMinutes(10), "a signature created ten minutes ahead");
  }

  /**
   * C32: a request whose {@code expires} has passed, or whose validity span is longer than the
   * policy allows, is rejected.
   */
  @Test
  default void required_sec_C32_expiredOrOverlongValidityRejected(Tck tck) {
    RunningAgent lenientAge =
        tck.agent()
            .replay(
                new ReplaySettings(
                    Duration.ofHours(1), Duration.ofSeconds(10), Duration.ofMinutes(5), 1000))
            .start();
    RunningAgent shortSpan =
        tck.agent()
            .replay(
                new ReplaySettings(
                    Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofMillis(1), 1000))
            .start();
    Clock sixMinutesAgo = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-6));

    TransportException expired =
        tck.awaitFailure(
            tck.client()
                .signingClock(sixMinutesAgo)
                .open(lenientAge)
                .scheduleAction(successAction()),
            "no failure for the request whose expires has passed");
    TransportException overlong =
        tck.awaitFailure(
            tck.client().open(shortSpan).scheduleAction(successAction()),
            "no failure for the request valid longer than policy allows");

    assertFailureType(expired, "request whose expires has passed", RequestRejectedException.class);
    assertFailureType(
        overlong, "request valid longer than policy allows", RequestRejectedException.class);
    assertNothingStored(lenientAge, "expired signature");
    assertNothingStored(shortSpan, "over-long validity");
  }

  /** C33: a request signed for one agent and sent to another is rejected there. */
  @Test
  default void required_sec_C33_requestForOtherAgentRejected(Tck tck) {
    Tamper tamper = Tamper.start(tck);
    RunningAgent other = tck.startAgent();
    CapturedRequest request = tamper.captureSchedule();

    WireResponse atOther = tamper.tap().send(request, other.address(), true, tck.tapContext());
    WireResponse atIntended = tamper.send(request);

    assertThat(atOther.accepted())
        .as("agent accepted a request signed for another agent: %s", atOther)
        .isFalse();
    assertNothingStored(other, "request signed for another agent");
    assertThat(atIntended.accepted()).as("the intended agent (control): %s", atIntended).isTrue();
  }

  /**
   * C34: a request captured before the agent started, replayed inside the window, is rejected,
   * because an agent's empty nonce cache cannot know it.
   */
  @Test
  default void required_sec_C34_requestFromBeforeStartRejected(Tck tck)
      throws InterruptedException {
    io.agenttransport.tck.wire.WireTap tap = tck.requireWireTap();
    io.agenttransport.tck.wire.Recorder recorder = tck.startRecorder(tap);
    CapturedRequest request =
        tck.capture(recorder, channel -> channel.scheduleAction(Tamper.markedAction()));
    waitForNextSecond();
    RunningAgent restarted =
        tck.agent().authorities(List.of(recorder.address().authority())).start();

    WireResponse response = tap.send(request, restarted.address(), true, tck.tapContext());

    assertThat(response.accepted())
        .as("agent accepted a request signed before it started: %s", response)
        .isFalse();
    assertNothingStored(restarted, "request signed before the agent started");
  }

  /** Waits until the wall clock enters a new second, since {@code created} has whole seconds. */
  private static void waitForNextSecond() throws InterruptedException {
    long now = Instant.now().toEpochMilli();
    Thread.sleep(1000 - now % 1000 + 20);
  }

  /**
   * C35: when the nonce cache is full, new signed requests are rejected (fail closed) instead of
   * evicting unexpired nonces.
   */
  @Test
  default void required_sec_C35_fullNonceCacheFailsClosed(Tck tck) {
    int capacity = 3;
    RunningAgent agent =
        tck.agent()
            .replay(
                new ReplaySettings(
                    Duration.ofSeconds(60),
                    Duration.ofSeconds(10),
                    Duration.ofMinutes(5),
                    capacity))
            .start();
    AgentChannel channel = tck.client().open(agent);
    for (int i = 0; i < capacity; i++) {
      tck.await(channel.scheduleAction(successAction()));
    }

    TransportException failure =
        tck.awaitFailure(
            channel.scheduleAction(successAction()),
            "no failure for the request beyond a full nonce cache");

    assertFailureType(
        failure,
        "request beyond a full nonce cache",
        RequestRejectedException.class,
        AgentErrorException.class);
    assertThat(agent.storedActions())
        .as("actions stored with a full nonce cache")
        .hasSize(capacity);
  }

  /**
   * C36: core retries a timed-out schedule with the same action id; the action runs at most once
   * and the retry ends in success or {@link ConflictException}.
   */
  @Test
  default void required_sec_C36_retriedScheduleRunsOnce(Tck tck) throws InterruptedException {
    ReferenceAgent reference = tck.track(ReferenceAgent.create("tck-agent"));
    BlockingAgent blocking = tck.track(new BlockingAgent(reference, 1, Duration.ofSeconds(2)));
    RunningAgent agent = tck.agent().agent(blocking).start();
    AgentChannel channel = tck.client().open(agent);
    ActionScheduleRequest request = successAction();

    TransportException timedOut =
        tck.awaitFailure(
            channel.scheduleAction(request, CallOptions.withDeadline(Duration.ofMillis(300))),
            "no failure for the first attempt past its deadline");
    Throwable retryFailure =
        tck.await(channel.scheduleAction(request).handle((response, failure) -> failure));
    blocking.release();
    boolean heldCallFinished = blocking.awaitHeldSchedules(tck.timeout());

    assertFailureType(timedOut, "first attempt past its deadline", CallTimeoutException.class);
    assertThat(retryFailure == null || retryFailure.getCause() instanceof ConflictException)
        .as("retry ended in success or ConflictException, not %s", retryFailure)
        .isTrue();
    assertThat(heldCallFinished).as("the held first attempt finished on the agent").isTrue();
    assertThat(reference.actionLookup(request.id())).as("action after a retry").isPresent();
    assertThat(countStored(reference))
        .as("actions stored after a retry with the same id")
        .isEqualTo(1);
  }

  private static int countStored(ReferenceAgent agent) {
    return agent.actionQueue().actions().size() + agent.actionsFinished().actions().size();
  }

  private void assertSignedAtRejected(Tck tck, Duration offset, String fault) {
    RunningAgent agent = tck.startAgent();
    Clock clock = Clock.offset(Clock.systemUTC(), offset);

    TransportException failure =
        tck.awaitFailure(
            tck.client().signingClock(clock).open(agent).scheduleAction(successAction()),
            "no failure for the request with " + fault);

    assertFailureType(failure, "request with " + fault, RequestRejectedException.class);
    assertNothingStored(agent, fault);
  }
}
