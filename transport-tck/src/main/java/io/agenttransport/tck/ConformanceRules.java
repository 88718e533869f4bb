package io.agenttransport.tck;

import static io.agenttransport.tck.internal.Rules.assertFailureType;
import static io.agenttransport.tck.internal.Rules.successAction;
import static org.assertj.core.api.Assertions.assertThat;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentChannel;
import io.agenttransport.api.AgentErrorException;
import io.agenttransport.api.AgentUnreachableException;
import io.agenttransport.api.CallOptions;
import io.agenttransport.api.CallTimeoutException;
import io.agenttransport.api.ChannelClosedException;
import io.agenttransport.api.ConflictException;
import io.agenttransport.api.NotFoundException;
import io.agenttransport.api.TransportException;
import io.agenttransport.config.ClientSettings;
import io.agenttransport.model.ActionList;
import io.agenttransport.model.ActionRecord;
import io.agenttransport.model.ActionScheduleRequest;
import io.agenttransport.model.ActionScheduleResponse;
import io.agenttransport.model.ErrorBody;
import io.agenttransport.model.JsonValue;
import io.agenttransport.model.NodeInfo;
import io.agenttransport.model.ShardList;
import io.agenttransport.model.StoreInfo;
import io.agenttransport.spi.ClientTransport;
import io.agenttransport.tck.internal.BlockingAgent;
import io.agenttransport.tck.internal.FixtureAgent;
import io.agenttransport.tck.internal.Fixtures;
import io.agenttransport.tck.internal.Rules;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Rules on the agent API itself: every operation carries every example document without loss,
 * errors arrive as the framework's types, and channels behave under load, deadlines and close.
 */
public interface ConformanceRules extends TckSubject {
  /** The number of concurrent calls in the load rules. */
  int CONCURRENT_CALLS = 200;

  /**
   * Node info round-trips both example documents, including an unknown node status. A failure means
   * a field or variant is lost between the agent and core: compare the encoder on the agent side
   * with the decoder on core's side.
   */
  @Test
  default void required_conf_C1_nodeInfoRoundTrips(Tck tck) {
    for (String fixture : List.of("info-node.json", "info-node-status-unknown.json")) {
      RunningAgent agent = tck.agent().agent(new FixtureAgent(fixture)).start();

      NodeInfo received = tck.await(tck.client().open(agent).nodeInfo());

      assertThat(received)
          .as("node info from " + fixture)
          .isEqualTo(Fixtures.decode(fixture, NodeInfo.class));
    }
  }

  /** Store info round-trips its example. A failure means attributes of some JSON type are lost. */
  @Test
  default void required_conf_C2_storeInfoRoundTrips(Tck tck) {
    RunningAgent agent = tck.agent().agent(new FixtureAgent("info-node.json")).start();

    StoreInfo received = tck.await(tck.client().open(agent).storeInfo());

    assertThat(received).isEqualTo(Fixtures.decode("info-store.json", StoreInfo.class));
  }

  /** Shards round-trip their example, with every role, offset unit and a null lag. */
  @Test
  default void required_conf_C3_shardsRoundTrip(Tck tck) {
    RunningAgent agent = tck.agent().agent(new FixtureAgent("info-node.json")).start();

    ShardList received = tck.await(tck.client().open(agent).shards());

    assertThat(received).isEqualTo(Fixtures.decode("info-shards.json", ShardList.class));
  }

  /** The action queue round-trips its example, oldest first. */
  @Test
  default void required_conf_C4_actionQueueRoundTrips(Tck tck) {
    RunningAgent agent = tck.agent().agent(new FixtureAgent("info-node.json")).start();

    ActionList received = tck.await(tck.client().open(agent).actionQueue());

    assertThat(received).isEqualTo(Fixtures.decode("actions-queue.json", ActionList.class));
  }

  /** The finished actions round-trip their example, oldest first. */
  @Test
  default void required_conf_C5_actionsFinishedRoundTrip(Tck tck) {
    RunningAgent agent = tck.agent().agent(new FixtureAgent("info-node.json")).start();

    ActionList received = tck.await(tck.client().open(agent).actionsFinished());

    assertThat(received).isEqualTo(Fixtures.decode("actions-finished.json", ActionList.class));
  }

  /** Action lookup round-trips a running and a failed record, JSON payloads and errors included. */
  @Test
  default void required_conf_C6_actionLookupRoundTrips(Tck tck) {
    RunningAgent agent = tck.agent().agent(new FixtureAgent("info-node.json")).start();
    AgentChannel channel = tck.client().open(agent);

    for (String fixture : List.of("action-lookup-running.json", "action-lookup-failed.json")) {
      ActionRecord expected = Fixtures.decode(fixture, ActionRecord.class);

      ActionRecord received = tck.await(channel.actionLookup(expected.id()));

      assertThat(received).as("record from " + fixture).isEqualTo(expected);
    }
  }

  /**
   * Schedule requests, full and minimal, reach the agent unchanged and the response comes back. A
   * failure means the request or response is altered on the way: absent optional fields must stay
   * absent.
   */
  @Test
  default void required_conf_C7_scheduleActionRoundTrips(Tck tck) {
    FixtureAgent fixtureAgent = new FixtureAgent("info-node.json");
    RunningAgent agent = tck.agent().agent(fixtureAgent).start();
    AgentChannel channel = tck.client().open(agent);
    List<ActionScheduleRequest> sent = new ArrayList<>();

    for (String fixture :
        List.of("action-schedule-request.json", "action-schedule-request-minimal.json")) {
      ActionScheduleRequest request = Fixtures.decode(fixture, ActionScheduleRequest.class);
      sent.add(request);

      ActionScheduleResponse response = tck.await(channel.scheduleAction(request));

      assertThat(response)
          .as("response to " + fixture)
          .isEqualTo(
              Fixtures.decode("action-schedule-response.json", ActionScheduleResponse.class));
    }
    assertThat(fixtureAgent.received()).as("requests as the agent received them").isEqualTo(sent);
  }

  /**
   * Looking up an unknown action id fails with {@link NotFoundException}. A failure means a 404 (or
   * its equivalent) is mapped to the wrong type.
   */
  @Test
  default void required_conf_C8_unknownActionIsNotFound(Tck tck) {
    RunningAgent agent = tck.startAgent();

    TransportException failure =
        tck.awaitFailure(
            tck.client().open(agent).actionLookup(UUID.randomUUID()),
            "no failure for the error mapping of an unknown action id");

    assertFailureType(failure, "error mapping of an unknown action id", NotFoundException.class);
  }

  /**
   * Scheduling the same action id twice fails the second time with {@link ConflictException} and
   * the agent keeps one action. A failure means retries are not idempotent or 409 is mapped to the
   * wrong type.
   */
  @Test
  default void required_conf_C9_duplicateIdIsConflict(Tck tck) {
    RunningAgent agent = tck.startAgent();
    AgentChannel channel = tck.client().open(agent);
    ActionScheduleRequest request = successAction();
    tck.await(channel.scheduleAction(request));

    TransportException failure =
        tck.awaitFailure(
            channel.scheduleAction(request),
            "no failure for the error mapping of a duplicate action id");

    assertFailureType(failure, "error mapping of a duplicate action id", ConflictException.class);
    assertThat(agent.storedActions()).as("actions stored after a duplicate").hasSize(1);
  }

  /**
   * An agent error keeps its status and its error body. A failure means the status or the {@code
   * error_msg}, {@code error_cause} or {@code error_trail} is lost on the way.
   */
  @Test
  default void required_conf_C10_agentErrorKeepsStatusAndBody(Tck tck) {
    ErrorBody body = Fixtures.decode("error-body.json", ErrorBody.class);
    RunningAgent agent =
        tck.agent()
            .agent(
                new FixtureAgent("info-node.json")
                    .failStoreInfoWith(new AgentErrorException(503, body, null, null)))
            .start();

    TransportException failure =
        tck.awaitFailure(
            tck.client().open(agent).storeInfo(),
            "no failure for the error mapping of an agent error");

    assertFailureType(failure, "error mapping of an agent error", AgentErrorException.class);
    AgentErrorException error = (AgentErrorException) failure;
    assertThat(error.status()).as("status of the agent error").isEqualTo(503);
    assertThat(error.body()).as("body of the agent error").isEqualTo(body);
  }

  /**
   * A call to a port where nothing listens fails with {@link AgentUnreachableException}. A failure
   * means a connection refusal leaks as another type.
   */
  @Test
  default void required_conf_C11_closedPortIsUnreachable(Tck tck) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    AgentAddress nowhere = new AgentAddress(secureScheme(), "127.0.0.1", port);

    TransportException failure =
        tck.awaitFailure(
            tck.client().open(nowhere).nodeInfo(),
            "no failure for the error mapping of a refused connection");

    assertFailureType(
        failure, "error mapping of a refused connection", AgentUnreachableException.class);
  }

  /**
   * A call whose deadline passes while the agent is busy fails with {@link CallTimeoutException}. A
   * failure means the per-call deadline is ignored or mapped to the wrong type.
   */
  @Test
  default void required_conf_C12_deadlineExceededTimesOut(Tck tck) {
    BlockingAgent blocking =
        tck.track(new BlockingAgent(new FixtureAgent("info-node.json"), 0, tck.timeout()));
    RunningAgent agent = tck.agent().agent(blocking).start();

    TransportException failure =
        tck.awaitFailure(
            tck.client().open(agent).nodeInfo(CallOptions.withDeadline(Duration.ofMillis(300))),
            "no failure for the error mapping of a passed deadline");

    assertFailureType(failure, "error mapping of a passed deadline", CallTimeoutException.class);
  }

  /**
   * Cancelling a call's future completes it as cancelled, and the channel keeps working. A failure
   * means cancellation breaks the channel or is ignored.
   */
  @Test
  default void required_conf_C13_cancelledCallLeavesChannelUsable(Tck tck)
      throws InterruptedException {
    BlockingAgent blocking =
        tck.track(new BlockingAgent(new FixtureAgent("info-node.json"), 0, tck.timeout()));
    RunningAgent agent = tck.agent().agent(blocking).start();
    AgentChannel channel = tck.client().open(agent);
    CompletableFuture<NodeInfo> held = channel.nodeInfo();
    assertThat(blocking.awaitHeldCall(tck.timeout())).as("call reached the agent").isTrue();

    boolean cancelled = held.cancel(true);
    blocking.release();
    StoreInfo after = tck.await(channel.storeInfo());

    assertThat(cancelled).as("cancel() of a call in flight").isTrue();
    assertThat(held).as("cancelled future").isCancelled();
    assertThat(after).as("a call after the cancellation").isNotNull();
  }

  /**
   * {@value #CONCURRENT_CALLS} concurrent calls over one channel all succeed. A failure means the
   * channel is not thread safe or limits concurrency so that calls fail.
   */
  @Test
  default void required_conf_C14_concurrentCallsOnOneChannel(Tck tck) {
    RunningAgent agent = tck.agent().agent(new FixtureAgent("info-node.json")).start();
    AgentChannel channel = tck.client().settings(s -> lenientTimeouts(s, tck)).open(agent);
    NodeInfo expected = Fixtures.decode("info-node.json", NodeInfo.class);

    List<CompletableFuture<NodeInfo>> calls = new ArrayList<>();
    for (int i = 0; i < CONCURRENT_CALLS; i++) {
      calls.add(channel.nodeInfo());
    }

    for (CompletableFuture<NodeInfo> call : calls) {
      assertThat(tck.await(call, tck.timeout().multipliedBy(3))).isEqualTo(expected);
    }
  }

  /**
   * {@value #CONCURRENT_CALLS} channels from one client transport, one call each, all succeed. A
   * failure means channels share state unsafely or run out of a resource.
   */
  @Test
  default void required_conf_C15_concurrentCallsOnManyChannels(Tck tck) {
    RunningAgent agent = tck.agent().agent(new FixtureAgent("info-node.json")).start();
    ClientTransport client = tck.client().settings(s -> lenientTimeouts(s, tck)).create();
    NodeInfo expected = Fixtures.decode("info-node.json", NodeInfo.class);

    List<CompletableFuture<NodeInfo>> calls = new ArrayList<>();
    for (int i = 0; i < CONCURRENT_CALLS; i++) {
      calls.add(tck.track(client.open(agent.address())).nodeInfo());
    }

    for (CompletableFuture<NodeInfo> call : calls) {
      assertThat(tck.await(call, tck.timeout().multipliedBy(3))).isEqualTo(expected);
    }
  }

  /**
   * Returns settings whose connect and handshake timeouts are the TCK timeout, because a burst of
   * concurrent handshakes on a loaded machine may take longer than the usual two seconds.
   */
  private static ClientSettings.Builder lenientTimeouts(ClientSettings.Builder settings, Tck tck) {
    return settings
        .connectTimeout(tck.timeout())
        .handshakeTimeout(tck.timeout())
        .callTimeout(tck.timeout().multipliedBy(3));
  }

  /**
   * A schedule request whose body is just under the agent's request limit is accepted intact. A
   * failure means the limit is applied to something bigger than the body, or large bodies are
   * truncated.
   */
  @Test
  default void required_conf_C16_payloadCloseToLimit(Tck tck) {
    long limit = 64 * 1024;
    FixtureAgent fixtureAgent = new FixtureAgent("info-node.json");
    RunningAgent agent =
        tck.agent().agent(fixtureAgent).settings(s -> s.maxRequestBytes(limit)).start();
    String filler = "x".repeat((int) limit - 1024);
    ActionScheduleRequest request =
        ActionScheduleRequest.create(
            Rules.SUCCESS_KIND, JsonValue.parse("{\"filler\":\"" + filler + "\"}"));

    tck.await(tck.client().open(agent).scheduleAction(request));

    assertThat(fixtureAgent.received())
        .as("request received by the agent")
        .containsExactly(request);
  }

  /** Closing a channel and a client transport twice does not throw. */
  @Test
  default void required_conf_C17_closeIsIdempotent(Tck tck) {
    RunningAgent agent = tck.startAgent();
    ClientTransport client = tck.client().create();
    AgentChannel channel = client.open(agent.address());
    tck.await(channel.nodeInfo());

    channel.close();
    channel.close();
    TransportException failure =
        tck.awaitFailure(channel.nodeInfo(), "no failure for the call on a closed channel");
    client.close();
    client.close();

    assertThat(failure).as("failure of a call after close").isNotNull();
  }

  /**
   * A call on a closed channel fails with {@link ChannelClosedException}, and so does opening a
   * channel on a closed client transport. A failure means closed channels still send requests.
   */
  @Test
  default void required_conf_C18_useAfterCloseRejected(Tck tck) {
    RunningAgent agent = tck.startAgent();
    ClientTransport client = tck.client().create();
    AgentChannel channel = client.open(agent.address());

    channel.close();
    TransportException failure =
        tck.awaitFailure(channel.nodeInfo(), "no failure for the call on a closed channel");
    client.close();

    assertFailureType(failure, "call on a closed channel", ChannelClosedException.class);
    assertThat(catchOpen(client, agent.address()))
        .as("open() on a closed client transport")
        .isInstanceOf(ChannelClosedException.class);
  }

  private static Throwable catchOpen(ClientTransport client, AgentAddress address) {
    try {
      client.open(address).close();
      return null;
    } catch (RuntimeException e) {
      return e;
    }
  }

  /**
   * A call in flight when the agent's server closes fails with a {@link TransportException} within
   * the TCK timeout instead of hanging.
   */
  @Test
  default void required_conf_C19_serverClosedWhileCallsInFlight(Tck tck)
      throws InterruptedException {
    BlockingAgent blocking =
        tck.track(
            new BlockingAgent(
                new FixtureAgent("info-node.json"), 0, tck.timeout().multipliedBy(3)));
    RunningAgent agent = tck.agent().agent(blocking).start();
    CompletableFuture<NodeInfo> held = tck.client().open(agent).nodeInfo();
    assertThat(blocking.awaitHeldCall(tck.timeout())).as("call reached the agent").isTrue();

    CompletableFuture.runAsync(agent.server()::close);

    TransportException failure = tck.awaitFailure(held);
    assertThat(failure).as("failure of a call cut off by the server closing").isNotNull();
  }
}
