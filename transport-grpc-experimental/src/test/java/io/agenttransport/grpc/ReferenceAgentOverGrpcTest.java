package io.agenttransport.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.agenttransport.agent.ReferenceAgent;
import io.agenttransport.api.AgentChannel;
import io.agenttransport.api.AgentErrorException;
import io.agenttransport.api.ConflictException;
import io.agenttransport.grpc.testing.GrpcTestBed;
import io.agenttransport.model.ActionPhase;
import io.agenttransport.model.ActionRecord;
import io.agenttransport.model.ActionScheduleRequest;
import io.agenttransport.model.ActionSummary;
import io.agenttransport.model.JsonValue;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs every operation against the framework's reference agent over mutual TLS. */
class ReferenceAgentOverGrpcTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private ReferenceAgent agent;
  private GrpcTestBed bed;
  private AgentChannel channel;

  @BeforeEach
  void start() {
    agent = ReferenceAgent.create("node-grpc-1");
    bed = GrpcTestBed.mutualTls(agent);
    channel = bed.open();
  }

  @AfterEach
  void stop() {
    channel.close();
    bed.close();
    agent.close();
  }

  @Test
  void nodeInfoMatchesAgent() {
    assertThat(channel.nodeInfo().join()).isEqualTo(agent.nodeInfo());
  }

  @Test
  void storeInfoMatchesAgent() {
    assertThat(channel.storeInfo().join()).isEqualTo(agent.storeInfo());
  }

  @Test
  void shardsMatchAgent() {
    assertThat(channel.shards().join()).isEqualTo(agent.shards());
  }

  @Test
  void scheduledActionRunsToDone() throws Exception {
    ActionScheduleRequest request =
        ActionScheduleRequest.create("agent.replicante.io/test.success", JsonValue.EMPTY_OBJECT);

    channel.scheduleAction(request).join();
    ActionRecord record = awaitFinished(request);

    assertThat(record.state().phase()).isEqualTo(ActionPhase.DONE);
    assertThat(channel.actionsFinished().join().actions())
        .extracting(ActionSummary::id)
        .contains(request.id());
  }

  @Test
  void loopingActionStaysInQueue() {
    ActionScheduleRequest request =
        ActionScheduleRequest.create("agent.replicante.io/test.loop", JsonValue.EMPTY_OBJECT);

    channel.scheduleAction(request).join();

    assertThat(channel.actionQueue().join().actions())
        .extracting(ActionSummary::id)
        .contains(request.id());
  }

  @Test
  void failingActionKeepsItsError() throws Exception {
    ActionScheduleRequest request =
        ActionScheduleRequest.create("agent.replicante.io/test.fail", JsonValue.EMPTY_OBJECT);

    channel.scheduleAction(request).join();
    ActionRecord record = awaitFinished(request);

    assertThat(record.state().phase()).isEqualTo(ActionPhase.FAILED);
    assertThat(record.state().error()).isNotNull();
    assertThat(record).isEqualTo(agent.actionLookup(request.id()).orElseThrow());
  }

  @Test
  void retriedScheduleIsConflict() {
    ActionScheduleRequest request =
        ActionScheduleRequest.create("agent.replicante.io/test.success", JsonValue.EMPTY_OBJECT);
    channel.scheduleAction(request).join();

    Throwable error = causeOf(() -> channel.scheduleAction(request).join());

    assertThat(error).isInstanceOf(ConflictException.class);
  }

  @Test
  void unknownKindIsBadRequest() {
    ActionScheduleRequest request =
        ActionScheduleRequest.create("example.com/not.known", JsonValue.EMPTY_OBJECT);

    Throwable error = causeOf(() -> channel.scheduleAction(request).join());

    assertThat(error).isExactlyInstanceOf(AgentErrorException.class);
    assertThat(((AgentErrorException) error).status()).isEqualTo(400);
  }

  private ActionRecord awaitFinished(ActionScheduleRequest request) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    ActionRecord record = channel.actionLookup(request.id()).join();
    while (!record.state().phase().isFinished() && System.nanoTime() < deadline) {
      Thread.sleep(20);
      record = channel.actionLookup(request.id()).join();
    }
    return record;
  }

  private static Throwable causeOf(Runnable call) {
    try {
      call.run();
    } catch (CompletionException e) {
      return e.getCause();
    }
    throw new AssertionError("call succeeded");
  }
}
