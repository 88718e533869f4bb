package io.agenttransport.tck.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.agenttransport.agent.ReferenceAgent;
import io.agenttransport.api.TransportException;
import io.agenttransport.model.ActionScheduleRequest;
import io.agenttransport.model.JsonValue;
import io.agenttransport.tck.RunningAgent;
import io.agenttransport.tck.Tck;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Assertions and requests that many rules share. */
public final class Rules {
  /** The action kind the reference agent runs successfully. */
  public static final String SUCCESS_KIND = "agent.replicante.io/test.success";

  private Rules() {}

  /** Returns a schedule request for {@link #SUCCESS_KIND} with a new id. */
  public static ActionScheduleRequest successAction() {
    return ActionScheduleRequest.create(SUCCESS_KIND, JsonValue.EMPTY_OBJECT);
  }

  /** Returns a new reference agent that the rule closes when it ends. */
  public static ReferenceAgent newReferenceAgent(Tck tck) {
    return tck.track(ReferenceAgent.create("tck-agent"));
  }

  /** Asserts that the reference agent behind {@code agent} ran and stored no action. */
  public static void assertNothingStored(RunningAgent agent, String fault) {
    assertThat(agent.storedActions())
        .as("the agent stored an action although the request should have been rejected: " + fault)
        .isEmpty();
  }

  /** Asserts that {@code failure} is one of {@code expected}, naming the fault to look at. */
  @SafeVarargs
  public static void assertFailureType(
      TransportException failure, String fault, Class<? extends TransportException>... expected) {
    boolean matches = Arrays.stream(expected).anyMatch(type -> type.isInstance(failure));
    String names =
        Arrays.stream(expected).map(Class::getSimpleName).collect(Collectors.joining(" or "));
    assertThat(matches)
        .as(
            "%s: expected %s but the call failed with %s (%s)",
            fault, names, failure.getClass().getSimpleName(), failure.getMessage())
        .isTrue();
  }
}
