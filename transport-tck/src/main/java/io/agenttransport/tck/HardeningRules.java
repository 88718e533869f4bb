package io.agenttransport.tck;

import static io.agenttransport.tck.internal.Rules.assertFailureType;
import static io.agenttransport.tck.internal.Rules.assertNothingStored;
import static org.assertj.core.api.Assertions.assertThat;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentErrorException;
import io.agenttransport.api.AgentUnreachableException;
import io.agenttransport.api.RequestRejectedException;
import io.agenttransport.api.TransportException;
import io.agenttransport.model.ActionScheduleRequest;
import io.agenttransport.model.JsonValue;
import io.agenttransport.model.NodeInfo;
import io.agenttransport.security.signature.RequestSigner;
import io.agenttransport.tck.internal.Rules;
import io.agenttransport.tck.internal.Tamper;
import io.agenttransport.tck.internal.TlsProbe;
import io.agenttransport.tck.pki.SslContexts;
import io.agenttransport.tck.wire.CapturedRequest;
import io.agenttransport.tck.wire.WireResponse;
import io.agenttransport.tck.wire.WireTap;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Security rules E43 to E50: input hardening. Agents bound what they read before reading it and
 * time out peers that stall; core times out agents that stall. A failure here usually means a
 * server setting from {@code ServerSettings} or {@code ClientSettings} is not applied.
 */
public interface HardeningRules extends TckSubject {
  /** The agent request limit the hardening rules configure. */
  long REQUEST_LIMIT = 16 * 1024;

  /** The handshake and header timeout the hardening rules configure. */
  Duration SHORT_TIMEOUT = Duration.ofSeconds(1);

  /**
   * E43: a body over the agent's limit is rejected (413 on HTTP) and nothing runs. A failure means
   * {@code ServerSettings.maxRequestBytes} is not enforced before the body is buffered.
   */
  @Test
  default void required_sec_E43_bodyOverLimitRejected(Tck tck) {
    RunningAgent agent = tck.agent().settings(s -> s.maxRequestBytes(REQUEST_LIMIT)).start();
    String filler = "x".repeat((int) REQUEST_LIMIT * 2);
    ActionScheduleRequest request =
        ActionScheduleRequest.create(
            Rules.SUCCESS_KIND, JsonValue.parse("{\"filler\":\"" + filler + "\"}"));

    TransportException failure =
        tck.awaitFailure(
            tck.client().open(agent).scheduleAction(request),
            "no failure for the body over the limit");

    assertFailureType(
        failure, "body over the limit", AgentErrorException.class, RequestRejectedException.class);
    if (failure instanceof AgentErrorException error) {
      assertThat(error.status()).as("status for a body over the limit").isEqualTo(413);
    }
    assertNothingStored(agent, "body over the limit");
  }

  /**
   * E44: a validly signed body nested 10,000 levels deep is rejected with 400, and the agent keeps
   * serving. Needs a wire hook that carries JSON bodies.
   */
  @Test
  default void required_sec_E44_deeplyNestedJsonRejected(Tck tck) {
    String deep = "[".repeat(10_000) + "]".repeat(10_000);

    assertSignedBodyRejected(
        tck,
        "{\"kind\":\""
            + Rules.SUCCESS_KIND
            + "\",\"id\":\""
            + UUID.randomUUID()
            + "\",\"args\":"
            + deep
            + "}",
        "JSON nested 10,000 levels deep");
  }

  /** E45: validly signed bodies with a very long string or number are rejected with 400. */
  @Test
  default void required_sec_E45_overlongValuesRejected(Tck tck) {
    String longString = "a".repeat(200_000);
    String longNumber = "1".repeat(10_000);

    assertSignedBodyRejected(
        tck,
        "{\"kind\":\""
            + Rules.SUCCESS_KIND
            + "\",\"id\":\""
            + UUID.randomUUID()
            + "\",\"args\":{\"s\":\""
            + longString
            + "\"}}",
        "a 200,000-character string");
    assertSignedBodyRejected(
        tck,
        "{\"kind\":\""
            + Rules.SUCCESS_KIND
            + "\",\"id\":\""
            + UUID.randomUUID()
            + "\",\"args\":{\"n\":"
            + longNumber
            + "}}",
        "a 10,000-digit number");
  }

  /**
   * E46: action kinds with {@code ../}, encoded slashes, NUL or Unicode look-alikes are rejected
   * with 400 and nothing runs.
   */
  @Test
  default void required_sec_E46_hostileKindsRejected(Tck tck) {
    RunningAgent agent = tck.startAgent();
    List<String> kinds =
        List.of(
            "agent.replicante.io/../../etc/passwd",
            "agent.replicante.io%2F..%2Ftest.success",
            "agent.replicante.io/test.success\u0000",
            "agent.replicante.io/test.succ\u0435ss");

    for (String kind : kinds) {
      ActionScheduleRequest request = ActionScheduleRequest.create(kind, JsonValue.EMPTY_OBJECT);

      TransportException failure =
          tck.awaitFailure(
              tck.client().open(agent).scheduleAction(request),
              "no failure for the hostile action kind " + kind);

      assertThat(SignatureRules.isBadRequest(failure))
          .as("kind %s: expected 400 or a malformed-request rejection, got %s", kind, failure)
          .isTrue();
    }
    assertNothingStored(agent, "hostile action kinds");
  }

  /**
   * E47: malformed header fields are rejected with 400 (or the connection is closed) and nothing
   * runs: a space before the colon, a control character, both Content-Length and Transfer-Encoding,
   * or two different Content-Length values. Needs a wire hook for HTTP.
   */
  @Test
  default void required_sec_E47_malformedHeadersRejected(Tck tck) {
    Tamper tamper = Tamper.start(tck);
    Assumptions.assumeTrue(
        tamper.tap().carriesJsonBodies(), "the transport has no HTTP header fields");
    List<UnaryOperator<CapturedRequest>> mutations =
        List.of(
            request -> request.withAddedField("X-Tck ", "space before the colon"),
            request -> request.withAddedField("X-Tck", "control\u0001character"),
            request -> request.withAddedField("Transfer-Encoding", "chunked"),
            request -> request.withAddedField("Content-Length", "1"));

    for (UnaryOperator<CapturedRequest> mutation : mutations) {
      CapturedRequest malformed = mutation.apply(tamper.captureSchedule());

      WireResponse response = tamper.send(malformed);

      assertThat(response.accepted()).as("agent accepted %s: %s", malformed, response).isFalse();
    }
    assertNothingStored(tamper.agent(), "malformed header fields");
  }

  /**
   * E48: a connection that sends no ClientHello, or trickles its request head, is closed within the
   * handshake or header timeout. A failure means those timeouts are not applied.
   */
  @Test
  default void required_sec_E48_stalledClientsClosed(Tck tck) throws IOException {
    RunningAgent agent =
        tck.agent()
            .settings(s -> s.handshakeTimeout(SHORT_TIMEOUT).headerTimeout(SHORT_TIMEOUT))
            .start();
    Duration limit = SHORT_TIMEOUT.plus(tck.timeout());

    Duration silent = TlsProbe.silentConnection(agent.address(), limit);
    boolean trickleClosed = trickleIsClosed(tck, agent.address(), limit);

    assertThat(silent).as("time until a connection without ClientHello was closed").isNotNull();
    assertThat(trickleClosed).as("connection trickling its headers was closed").isTrue();
  }

  private static boolean trickleIsClosed(Tck tck, AgentAddress agent, Duration limit)
      throws IOException {
    try (SSLSocket socket =
        (SSLSocket)
            SslContexts.of(tck.pki().core(), tck.pki().trustedCas())
                .getSocketFactory()
                .createSocket()) {
      socket.connect(new InetSocketAddress(agent.host(), agent.port()), (int) limit.toMillis());
      socket.startHandshake();
      OutputStream out = socket.getOutputStream();
      byte[] head =
          "GET /api/unstable/info/node HTTP/1.1\r\nHost: x\r\nX-Tck: "
              .getBytes(StandardCharsets.US_ASCII);
      long deadline = System.nanoTime() + limit.toNanos();
      int i = 0;
      while (System.nanoTime() < deadline) {
        try {
          out.write(head[i++ % head.length]);
          out.flush();
          Thread.sleep(100);
        } catch (IOException e) {
          return true;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      socket.setSoTimeout(200);
      try {
        return socket.getInputStream().read() < 0;
      } catch (SocketTimeoutException e) {
        return false;
      } catch (IOException e) {
        return true;
      }
    }
  }

  /**
   * E49: an agent that accepts the connection but never completes the handshake makes core fail
   * with {@link AgentUnreachableException} once its handshake timeout passes.
   */
  @Test
  default void required_sec_E49_stalledHandshakeTimesOut(Tck tck) throws IOException {
    try (ServerSocket stalling = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"))) {
      AgentAddress address = new AgentAddress(secureScheme(), "127.0.0.1", stalling.getLocalPort());

      TransportException failure =
          tck.awaitFailure(
              tck.client()
                  .settings(
                      s ->
                          s.handshakeTimeout(SHORT_TIMEOUT)
                              .callTimeout(tck.timeout().multipliedBy(2)))
                  .open(address)
                  .nodeInfo(),
              "no failure for the agent stalling the handshake");

      assertFailureType(failure, "agent stalling the handshake", AgentUnreachableException.class);
    }
  }

  /**
   * E50: connections above the agent's cap are refused while the existing ones stay open; once they
   * close, calls succeed again. A failure means {@code ServerSettings.maxConnections} is not
   * applied.
   */
  @Test
  default void required_sec_E50_connectionCapEnforced(Tck tck)
      throws IOException, InterruptedException {
    int cap = 2;
    RunningAgent agent =
        tck.agent()
            .settings(s -> s.maxConnections(cap).handshakeTimeout(tck.timeout().multipliedBy(3)))
            .start();
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < cap; i++) {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(agent.address().host(), agent.address().port()));
        held.add(socket);
      }

      TransportException failure =
          tck.awaitFailure(
              tck.client().open(agent).nodeInfo(),
              "no failure for a call beyond the connection cap");

      assertThat(failure).as("call beyond the connection cap").isNotNull();
      for (Socket socket : held) {
        socket.setSoTimeout(200);
        assertThat(stillOpen(socket)).as("a connection below the cap stayed open").isTrue();
      }
    } finally {
      for (Socket socket : held) {
        socket.close();
      }
    }
    assertThat(eventuallySucceeds(tck, agent))
        .as("call after the held connections closed")
        .isTrue();
  }

  private static boolean stillOpen(Socket socket) {
    try {
      return socket.getInputStream().read() >= 0;
    } catch (SocketTimeoutException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean eventuallySucceeds(Tck tck, RunningAgent agent)
      throws InterruptedException {
    long deadline = System.nanoTime() + tck.timeout().toNanos();
    while (System.nanoTime() < deadline) {
      try {
        NodeInfo info = tck.client().open(agent).nodeInfo().get();
        return info != null;
      } catch (java.util.concurrent.ExecutionException e) {
        Thread.sleep(100);
      }
    }
    return false;
  }

  /**
   * Sends {@code body}, validly signed for the tamper bench, and asserts a 400 with nothing run.
   */
  private static void assertSignedBodyRejected(Tck tck, String body, String fault) {
    Tamper tamper = Tamper.start(tck);
    WireTap tap = tamper.tap();
    Assumptions.assumeTrue(tap.carriesJsonBodies(), "the transport does not carry JSON bodies");
    CapturedRequest captured = tamper.captureSchedule();
    RequestSigner signer =
        RequestSigner.create(
            TckPki.SIGNING_KEY_ID, tck.pki().signingKey().getPrivate(), Clock.systemUTC());
    CapturedRequest hostile =
        tap.resign(
            captured.withBody(body.getBytes(StandardCharsets.UTF_8)),
            tamper.recorder().address().authority(),
            signer);

    WireResponse response = tamper.send(hostile);
    NodeInfo after = tck.await(tck.client().open(tamper.agent()).nodeInfo());

    assertThat(response.status()).as("status for a signed body with %s", fault).isEqualTo(400);
    assertNothingStored(tamper.agent(), fault);
    assertThat(after).as("node info after a body with %s", fault).isNotNull();
  }
}
