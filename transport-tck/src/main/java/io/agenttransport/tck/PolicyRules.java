package io.agenttransport.tck;

import static io.agenttransport.tck.internal.Rules.assertFailureType;
import static io.agenttransport.tck.internal.Rules.assertNothingStored;
import static io.agenttransport.tck.internal.Rules.successAction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.agenttransport.api.AgentChannel;
import io.agenttransport.api.AgentErrorException;
import io.agenttransport.api.CallListener;
import io.agenttransport.api.RequestRejectedException;
import io.agenttransport.api.TransportException;
import io.agenttransport.config.ActionsMode;
import io.agenttransport.config.AgentConfig;
import io.agenttransport.config.ConfigException;
import io.agenttransport.config.CoreConfig;
import io.agenttransport.config.CoreTlsConfig;
import io.agenttransport.config.ReplaySettings;
import io.agenttransport.config.SignatureSettings;
import io.agenttransport.config.SigningConfig;
import io.agenttransport.model.ActionScheduleRequest;
import io.agenttransport.model.JsonValue;
import io.agenttransport.registry.TransportRegistry;
import io.agenttransport.runtime.AgentRuntime;
import io.agenttransport.runtime.CoreTransports;
import io.agenttransport.spi.TransportCapability;
import io.agenttransport.tck.internal.Rules;
import io.agenttransport.tck.internal.Tamper;
import io.agenttransport.tck.wire.CapturedRequest;
import io.agenttransport.tck.wire.WireResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Security rules D37 to D42: actions need TLS with client authentication. A failure here usually
 * means the provider serves action operations without asking {@code RequestGuard.actionsEnabled()},
 * or its client sends actions over a plain channel.
 */
public interface PolicyRules extends TckSubject {
  /**
   * D37: actions are never sent or served over plain text. Core refuses to send them; an agent on a
   * plain listener rejects them and stores nothing. Needs the optional capability {@code
   * PLAINTEXT}.
   */
  @Test
  default void optional_sec_D37_actionOverPlainTextRejected(Tck tck) {
    tck.requireCapability(TransportCapability.PLAINTEXT);
    RunningAgent agent = tck.agent().plain().start();
    AgentChannel channel = tck.client().plain().open(agent);

    tck.await(channel.nodeInfo());
    TransportException schedule =
        tck.awaitFailure(
            channel.scheduleAction(successAction()), "no failure for the schedule over plain text");
    TransportException queue =
        tck.awaitFailure(channel.actionQueue(), "no failure for the action queue over plain text");

    assertFailureType(
        schedule,
        "schedule over plain text",
        RequestRejectedException.class,
        AgentErrorException.class);
    assertFailureType(
        queue,
        "action queue over plain text",
        RequestRejectedException.class,
        AgentErrorException.class);
    assertThat(agent.server().actionsEnabled()).as("actions enabled on a plain listener").isFalse();
    assertNothingStored(agent, "action over plain text");
  }

  /**
   * D37, agent side: a validly signed action request sent over plain text to a plain listener is
   * rejected and nothing runs. Needs {@code PLAINTEXT} and a wire hook.
   */
  @Test
  default void optional_sec_D37b_signedActionOnPlainListenerRejected(Tck tck) {
    tck.requireCapability(TransportCapability.PLAINTEXT);
    Tamper tamper = Tamper.start(tck);
    RunningAgent plain =
        tck.agent().plain().authorities(List.of(tamper.recorder().address().authority())).start();
    CapturedRequest request = tamper.captureSchedule();

    WireResponse response = tamper.tap().send(request, plain.address(), false, tck.tapContext());

    assertThat(response.accepted()).as("plain listener accepted an action: %s", response).isFalse();
    assertNothingStored(plain, "signed action on a plain listener");
  }

  /**
   * D38: an agent with actions enabled and no TLS, or TLS without a client CA, refuses to start
   * with a clear error naming the setting.
   */
  @Test
  default void required_sec_D38_actionsWithoutClientAuthRefuseToStart(Tck tck) {
    AgentConfig noTls =
        new AgentConfig(
            provider().name(),
            serverSettings(),
            null,
            ActionsMode.ENABLED,
            new SignatureSettings(List.of(), ReplaySettings.DEFAULTS, false, List.of()),
            Map.of());

    Throwable failure =
        catchThrowable(
            () ->
                tck.track(
                    AgentRuntime.start(
                        noTls,
                        Rules.newReferenceAgent(tck),
                        TransportRegistry.load(),
                        CallListener.NONE)));

    assertThat(failure)
        .as("start of an agent with actions enabled and no TLS")
        .isInstanceOf(ConfigException.class);
    assertThat(failure.getMessage()).as("error message").contains("actions");
  }

  /**
   * D39: core with a missing {@code client_key} or {@code ca_bundle} refuses to start, naming the
   * key and the path.
   */
  @Test
  default void required_sec_D39_coreWithMissingKeyRefusesActions(Tck tck) {
    Path dir = tck.tempDir();
    Path caBundle = tck.pki().ca().writeCertificatePem(dir.resolve("ca.pem"));
    Path missingKey = dir.resolve("missing-core-key.pem");
    CoreConfig config =
        new CoreConfig(
            provider().name(),
            new CoreTlsConfig(caBundle, missingKey, null, null),
            new SigningConfig(TckPki.SIGNING_KEY_ID, null, null),
            clientSettings(),
            List.of(),
            Map.of());

    Throwable failure =
        catchThrowable(
            () ->
                tck.track(
                    CoreTransports.create(config, TransportRegistry.load(), CallListener.NONE)));

    assertThat(failure).as("core with a missing client key").isInstanceOf(ConfigException.class);
    assertThat(((ConfigException) failure).key())
        .as("key named by the error")
        .contains("client_key");
    assertThat(failure.getMessage()).as("error message").contains(missingKey.toString());
  }

  /**
   * D40: with client verification off (TLS without a client CA bundle), the action system is off:
   * the server reports actions disabled and a schedule from core stores nothing.
   */
  @Test
  default void required_sec_D40_verificationOffDisablesActions(Tck tck) {
    RunningAgent agent = tck.agent().clientCas(null).start();

    TransportException failure =
        tck.awaitFailure(
            tck.client().open(agent).scheduleAction(successAction()),
            "no failure for the schedule on an agent without client verification");

    assertThat(agent.server().actionsEnabled())
        .as("actions enabled without client verification")
        .isFalse();
    assertFailureType(
        failure,
        "schedule on an agent without client verification",
        RequestRejectedException.class,
        AgentErrorException.class);
    assertNothingStored(agent, "action on an agent without client verification");
  }

  /** D41: an unknown action kind is rejected with 400 and nothing runs (deny by default). */
  @Test
  default void required_sec_D41_unknownKindRejected(Tck tck) {
    RunningAgent agent = tck.startAgent();
    ActionScheduleRequest request =
        ActionScheduleRequest.create("example.com/not.a.known.kind", JsonValue.EMPTY_OBJECT);

    TransportException failure =
        tck.awaitFailure(
            tck.client().open(agent).scheduleAction(request),
            "no failure for the unknown action kind");

    assertFailureType(failure, "unknown action kind", AgentErrorException.class);
    assertThat(((AgentErrorException) failure).status())
        .as("status for an unknown kind")
        .isEqualTo(400);
    assertNothingStored(agent, "unknown action kind");
  }

  /**
   * D42: a request in an older or unsigned message format is rejected. The rule changes the
   * signature's application tag, which names the message format, to an older one.
   */
  @Test
  default void required_sec_D42_olderMessageFormatRejected(Tck tck) {
    Tamper tamper = Tamper.start(tck);

    tamper.assertRejected(
        request -> {
          String input = request.values("signature-input").get(0);
          String older = input.replaceAll(";tag=\"[^\"]*\"", ";tag=\"agent-transport-v0\"");
          return request.withField(
              "signature-input",
              older.equals(input) ? input + ";tag=\"agent-transport-v0\"" : older);
        },
        "an older message format tag");
  }
}
