package io.agenttransport.grpc;

import static io.agenttransport.grpc.testing.FixtureAgent.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentChannel;
import io.agenttransport.api.AgentErrorException;
import io.agenttransport.api.AgentUnreachableException;
import io.agenttransport.api.CallEvent;
import io.agenttransport.api.CallOptions;
import io.agenttransport.api.CallTimeoutException;
import io.agenttransport.api.ChannelClosedException;
import io.agenttransport.api.ConflictException;
import io.agenttransport.api.NotFoundException;
import io.agenttransport.api.RejectionReason;
import io.agenttransport.api.RequestRejectedException;
import io.agenttransport.config.ClientSettings;
import io.agenttransport.grpc.testing.FixtureAgent;
import io.agenttransport.grpc.testing.GrpcTestBed;
import io.agenttransport.model.ActionList;
import io.agenttransport.model.ActionRecord;
import io.agenttransport.model.ActionScheduleRequest;
import io.agenttransport.model.ActionScheduleResponse;
import io.agenttransport.model.NodeInfo;
import io.agenttransport.model.ShardList;
import io.agenttransport.model.StoreInfo;
import io.grpc.Context;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GrpcTransportTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final UUID FAILED_ACTION = UUID.fromString("0d9c8b7a-6f5e-4d3c-2b1a-098765432100");

  @Test
  void nodeInfoOverMutualTls() {
    try (GrpcTestBed bed = GrpcTestBed.mutualTls(new FixtureAgent());
        AgentChannel channel = bed.open()) {
      NodeInfo info = channel.nodeInfo().join();

      assertThat(info).isEqualTo(fixture("info-node.json", NodeInfo.class));
    }
  }

  @Test
  void storeInfoOverMutualTls() {
    try (GrpcTestBed bed = GrpcTestBed.mutualTls(new FixtureAgent());
        AgentChannel channel = bed.open()) {
      StoreInfo info = channel.storeInfo().join();

      assertThat(info).isEqualTo(fixture("info-store.json", StoreInfo.class));
    }
  }

  @Test
  void shardsOverMutualTls() {
    try (GrpcTestBed bed = GrpcTestBed.mutualTls(new FixtureAgent());
        AgentChannel channel = bed.open()) {
      ShardList shards = channel.shards().join();

      assertThat(shards).isEqualTo(fixture("info-shards.json", ShardList.class));
    }
  }

  @Test
  void actionQueueOverMutualTls() {
    try (GrpcTestBed bed = GrpcTestBed.mutualTls(new FixtureAgent());
        AgentChannel channel = bed.open()) {
      ActionList queue = channel.actionQueue().join();

      assertThat(queue).isEqualTo(fixture("actions-queue.json", ActionList.class));
    }
  }

  @Test
  void actionsFinishedOverMutualTls() {
    try (GrpcTestBed bed = GrpcTestBed.mutualTls(new FixtureAgent());
        AgentChannel channel = bed.open()) {
      ActionList finished = channel.actionsFinished().join();

      assertThat(finished).isEqualTo(fixture("actions-finished.json", ActionList.class));
    }
  }

  @Test
  void actionLookupOverMutualTls() {
    try (GrpcTestBed bed = GrpcTestBed.mutualTls(new FixtureAgent());
        AgentChannel channel = bed.open()) {
      ActionRecord record = channel.actionLookup(FAILED_ACTION).join();

      assertThat(record).isEqualTo(fixture("action-lookup-failed.json", ActionRecord.class));
    }
  }

  @Test
  void signedScheduleIsAccepted() {
    FixtureAgent agent = new FixtureAgent();
    ActionScheduleRequest request =
        fixture("action-schedule-request.json", ActionScheduleRequest.class);
    try (GrpcTestBed bed = GrpcTestBed.mutualTls(agent);
        AgentChannel channel = bed.open()) {
      ActionScheduleResponse response = channel.scheduleAction(request).join();

      assertThat(response.id()).isEqualTo(request.id());
      assertThat(agent.scheduled()).containsExactly(request);
    }
  }

  @Test
  void scheduledActionCanBeLookedUp() {
    ActionScheduleRequest request =
        fixture("action-schedule-request.json", ActionScheduleRequest.class);
    try (GrpcTestBed bed = GrpcTestBed.mutualTls(new FixtureAgent());
        AgentChannel channel = bed.open()) {
      channel.scheduleAction(request).join();

      ActionRecord record = channel.actionLookup(request.id()).join();

      assertThat(record.kind()).isEqualTo(request.kind());
      assertThat(record.args()).isEqualTo(request.args());
      assertThat(record.metadata()).isEqualTo(request.metadata());
    }
  }

  @Test
  void unknownActionIsNotFound() {
    try (GrpcTestBed bed = GrpcTestBed.mutualTls(new FixtureAgent());
        AgentChannel channel = bed.open()) {
      CompletableFuture<ActionRecord> lookup = channel.actionLookup(UUID.randomUUID());

      assertThat(failure(lookup)).isInstanceOf(NotFoundException.class);
    }
  }

  @Test
  void duplicateIdIsConflict() {
    ActionScheduleRequest request =
        fixture("action-schedule-request.json", ActionScheduleRequest.class);
    try (GrpcTestBed bed = GrpcTestBed.mutualTls(new FixtureAgent());
        AgentChannel channel = bed.open()) {
      channel.scheduleAction(request).join();

      Throwable error = failure(channel.scheduleAction(request));

      assertThat(error).isInstanceOf(ConflictException.class);
      assertThat(((ConflictException) error).body().message()).contains("already exists");
    }
  }

  @Test
  void unknownKindIsAgentError400WithBody() {
    ActionScheduleRequest request =
        ActionScheduleRequest.create(
            "agent.replicante.io/does.not.exist", io.agenttransport.model.JsonValue.EMPTY_OBJECT);
    try (GrpcTestBed bed = GrpcTestBed.mutualTls(new FixtureAgent());
        AgentChannel channel = bed.open()) {
      Throwable error = failure(channel.scheduleAction(request));

      assertThat(error).isExactlyInstanceOf(AgentErrorException.class);
      AgentErrorException agentError = (AgentErrorException) error;
      assertThat(agentError.status()).isEqualTo(400);
      assertThat(agentError.body().message()).contains("does.not.exist");
      assertThat(agentError.body().cause()).isEqualTo("no handler registered for this kind");
      assertThat(agentError.body().trail()).hasSize(1);
    }
  }

  @Test
  void agentFailureIsAgentError500() {
    FixtureAgent failing =
        new FixtureAgent() {
          @Override
          public StoreInfo storeInfo() {
            throw new IllegalStateException("secret internal detail");
          }
        };
    try (GrpcTestBed bed = GrpcTestBed.mutualTls(failing);
        AgentChannel channel = bed.open()) {
      Throwable error = failure(channel.storeInfo());

      assertThat(error).isExactlyInstanceOf(AgentErrorException.class);
      assertThat(((AgentErrorException) error).status()).isEqualTo(500);
      assertThat(error.getMessage()).doesNotContain("secret internal detail");
    }
  }

  @Test
  void closedPortIsUnreachable() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (GrpcTestBed bed = GrpcTestBed.mutualTls(new FixtureAgent());
        AgentChannel channel = bed.client().open(new AgentAddress("grpcs", "127.0.0.1", port))) {
      Throwable error = failure(channel.nodeInfo());

      assertThat(error).isInstanceOf(AgentUnreachableException.class);
      assertThat(error.getMessage()).contains("127.0.0.1:" + port);
    }
  }

  @Test
  void stalledHandshakeIsUnreachable() throws Exception {
    ClientSettings settings =
        ClientSettings.builder()
            .connectTimeout(Duration.ofSeconds(1))
            .handshakeTimeout(Duration.ofSeconds(1))
            .callTimeout(Duration.ofSeconds(60))
            .build();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        GrpcTestBed bed = GrpcTestBed.mutualTls(new FixtureAgent(), settings, true);
        AgentChannel channel =
            bed.client().open(new AgentAddress("grpcs", "127.0.0.1", silent.getLocalPort()))) {
      Throwable error = failure(channel.nodeInfo());

      assertThat(error).isInstanceOf(AgentUnreachableException.class);
      assertThat(error.getMessage()).contains("handshake");
    }
  }

  @Test
  void deadlineIsCallTimeout() {
    CountDownLatch release = new CountDownLatch(1);
    try (GrpcTestBed bed =
            GrpcTestBed.mutualTls(
                blockingAgent(release, new CountDownLatch(1), new CountDownLatch(1)));
        AgentChannel channel = bed.open()) {
      CompletableFuture<NodeInfo> call =
          channel.nodeInfo(CallOptions.withDeadline(Duration.ofMillis(300)));

      assertThat(failure(call)).isInstanceOf(CallTimeoutException.class);
    } finally {
      release.countDown();
    }
  }

  @Test
  void cancellingFutureCancelsCall() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch cancelledOnAgent = new CountDownLatch(1);
    try (GrpcTestBed bed =
            GrpcTestBed.mutualTls(blockingAgent(release, entered, cancelledOnAgent));
        AgentChannel channel = bed.open()) {
      CompletableFuture<NodeInfo> call = channel.nodeInfo();
      assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

      call.cancel(true);

      assertThat(cancelledOnAgent.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    } finally {
      release.countDown();
    }
  }

  @Test
  void scheduleWithoutSignerIsRejectedBeforeSending() {
    FixtureAgent agent = new FixtureAgent();
    try (GrpcTestBed bed = GrpcTestBed.mutualTls(agent, ClientSettings.DEFAULTS, false);
        AgentChannel channel = bed.open()) {
      Throwable error =
          failure(
              channel.scheduleAction(
                  fixture("action-schedule-request.json", ActionScheduleRequest.class)));

      assertThat(error).isInstanceOf(RequestRejectedException.class);
      assertThat(((RequestRejectedException) error).reason())
          .isEqualTo(RejectionReason.SIGNING_KEY_MISSING);
      assertThat(bed.serverEvents()).isEmpty();
    }
  }

  @Test
  void plaintextServesInformation() {
    try (GrpcTestBed bed = GrpcTestBed.plaintext(new FixtureAgent());
        AgentChannel channel = bed.open()) {
      NodeInfo info = channel.nodeInfo().join();

      assertThat(bed.server().boundAddress().scheme()).isEqualTo("grpc");
      assertThat(info.nodeId()).isEqualTo("i-0a1b2c3d");
    }
  }

  @Test
  void plaintextActionIsRejectedBeforeSending() {
    try (GrpcTestBed bed = GrpcTestBed.plaintext(new FixtureAgent());
        AgentChannel channel = bed.open()) {
      Throwable error = failure(channel.actionQueue());

      assertThat(error).isInstanceOf(RequestRejectedException.class);
      assertThat(((RequestRejectedException) error).reason())
          .isEqualTo(RejectionReason.PLAINTEXT_ACTION);
      assertThat(bed.serverEvents()).isEmpty();
    }
  }

  @Test
  void plaintextServerDisablesActions() {
    try (GrpcTestBed bed = GrpcTestBed.plaintext(new FixtureAgent())) {
      assertThat(bed.server().actionsEnabled()).isFalse();
    }
  }

  @Test
  void closedChannelFailsCalls() {
    try (GrpcTestBed bed = GrpcTestBed.mutualTls(new FixtureAgent())) {
      AgentChannel channel = bed.open();
      channel.close();

      assertThat(failure(channel.nodeInfo())).isInstanceOf(ChannelClosedException.class);
    }
  }

  @Test
  void listenersSeeEachCall() {
    try (GrpcTestBed bed = GrpcTestBed.mutualTls(new FixtureAgent());
        AgentChannel channel = bed.open()) {
      channel.nodeInfo().join();

      assertThat(bed.clientEvents())
          .singleElement()
          .satisfies(event -> assertThat(event.outcome()).isEqualTo(CallEvent.OK))
          .satisfies(event -> assertThat(event.transport()).isEqualTo("grpc"));
      assertThat(bed.serverEvents())
          .singleElement()
          .satisfies(event -> assertThat(event.side()).isEqualTo(CallEvent.Side.SERVER));
    }
  }

  @Test
  void rejectedCallIsReported() {
    try (GrpcTestBed bed = GrpcTestBed.plaintext(new FixtureAgent());
        AgentChannel channel = bed.open()) {
      failure(channel.actionQueue());

      assertThat(bed.clientEvents())
          .singleElement()
          .satisfies(event -> assertThat(event.outcome()).isEqualTo("rejected"))
          .satisfies(
              event -> assertThat(event.rejection()).isEqualTo(RejectionReason.PLAINTEXT_ACTION));
    }
  }

  @Test
  void wrongSchemeIsRejectedOnOpen() {
    try (GrpcTestBed bed = GrpcTestBed.mutualTls(new FixtureAgent())) {
      AgentAddress https = new AgentAddress("https", "127.0.0.1", 8443);

      assertThatThrownBy(() -> bed.client().open(https))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("grpcs://");
    }
  }

  /** Returns an agent whose node info waits for {@code release}, counting down the others. */
  private static FixtureAgent blockingAgent(
      CountDownLatch release, CountDownLatch entered, CountDownLatch cancelled) {
    return new FixtureAgent() {
      @Override
      public NodeInfo nodeInfo() {
        Context.current().addListener(context -> cancelled.countDown(), Runnable::run);
        entered.countDown();
        try {
          release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return super.nodeInfo();
      }
    };
  }

  private static Throwable failure(CompletableFuture<?> future) {
    assertThat(future)
        .failsWithin(WAIT)
        .withThrowableThat()
        .isInstanceOf(java.util.concurrent.ExecutionException.class);
    try {
      future.join();
    } catch (CompletionException e) {
      return e.getCause();
    }
    throw new AssertionError("future completed normally");
  }
}
