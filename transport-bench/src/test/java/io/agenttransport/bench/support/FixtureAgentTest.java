package io.agenttransport.bench.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agenttransport.api.ConflictException;
import io.agenttransport.model.ActionScheduleRequest;
import io.agenttransport.model.JsonValue;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FixtureAgentTest {
  @Test
  void nodeInfoIsTheBundledExample() {
    FixtureAgent agent = new FixtureAgent();

    assertThat(agent.nodeInfo().nodeId()).isEqualTo("i-0a1b2c3d");
    assertThat(agent.nodeInfo().attributes()).hasSize(4);
  }

  @Test
  void duplicateActionIdIsConflict() {
    FixtureAgent agent = new FixtureAgent();
    ActionScheduleRequest request =
        ActionScheduleRequest.create("agent.replicante.io/test.success", JsonValue.EMPTY_OBJECT)
            .withId(UUID.randomUUID());
    agent.scheduleAction(request);

    assertThatThrownBy(() -> agent.scheduleAction(request)).isInstanceOf(ConflictException.class);
  }

  @Test
  void scheduleReturnsTheRequestedId() {
    FixtureAgent agent = new FixtureAgent();
    UUID id = UUID.randomUUID();

    UUID scheduled =
        agent
            .scheduleAction(
                ActionScheduleRequest.create(
                        "agent.replicante.io/test.success", JsonValue.EMPTY_OBJECT)
                    .withId(id))
            .id();

    assertThat(scheduled).isEqualTo(id);
  }
}
