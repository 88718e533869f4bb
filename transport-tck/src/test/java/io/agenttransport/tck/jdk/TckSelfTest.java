package io.agenttransport.tck.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.agenttransport.spi.TransportProvider;
import io.agenttransport.tck.TransportTck;
import io.agenttransport.tck.wire.HttpWireTap;
import io.agenttransport.tck.wire.WireTap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.launcher.MethodFilter;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Runs the TCK against the test provider broken in one way at a time and checks that exactly the
 * rules written for that fault fail, with messages that name it. The correct provider's run is
 * {@code JdkTransportTckTest}, which the build requires to pass.
 *
 * <p>The two load rules (200 concurrent calls) and the rule that closes a server under a call in
 * flight are left out of these runs: no fault here touches concurrency or server shutdown, the load
 * rules are the slowest by far, and the shutdown rule races the test server's close on a loaded
 * machine. {@code JdkTransportTckTest} runs all three against the correct provider.
 */
class TckSelfTest {
  private static final Pattern RULE_ID = Pattern.compile("_(?:disc|conf|sec)_([A-Z]\\d+[a-z]?)_");

  static Stream<Arguments> faults() {
    return Stream.of(
        Arguments.of(
            Fault.SKIP_SIGNATURE_CHECK,
            Set.of(
                "B18", "B19", "B20", "B21", "B22", "B23", "B24", "B25", "C29", "C30", "C31", "C32",
                "C33", "C34", "C35", "D42"),
            "accepted|no failure for"),
        Arguments.of(
            Fault.TRUST_ANY_CERTIFICATE,
            Set.of("A6", "A7", "A8", "A9", "A10", "A11", "A12", "F51", "F52"),
            "core accepted"),
        Arguments.of(
            Fault.WANT_CLIENT_AUTH,
            Set.of("A2", "A3"),
            "client authentication required|agent accepted"),
        Arguments.of(Fault.FIRST_FIELD_VALUE_ONLY, Set.of("B25"), "sent twice"),
        Arguments.of(Fault.IGNORE_REPLAYED_NONCE, Set.of("C29"), "replayed request"),
        Arguments.of(
            Fault.NEW_ACTION_ID_PER_SEND,
            Set.of("C7", "C9", "C16", "C36"),
            "received|retry|duplicate|Conflict"),
        Arguments.of(
            Fault.PLAINTEXT_ACTIONS, Set.of("D37", "D37b", "D40"), "plain|client verification"),
        Arguments.of(Fault.MISREPORTED_ACTIONS, Set.of("D37", "D40"), "actions enabled"),
        Arguments.of(Fault.NO_BODY_LIMIT, Set.of("E43"), "over the limit"),
        Arguments.of(Fault.WRONG_ERROR_MAPPING, Set.of("C8", "C9"), "error mapping"),
        Arguments.of(Fault.LEAKY_CLOSE, Set.of("C17", "C18"), "closed channel|after close"));
  }

  @ParameterizedTest
  @MethodSource("faults")
  void brokenProviderFailsItsRules(Fault fault, Set<String> expected, String messagePattern) {
    BrokenProvider.fault = fault;

    Map<String, String> failures = failedRules(BrokenProviderTck.class);

    assertThat(new TreeSet<>(failures.keySet()))
        .as("rules failed by %s, with these messages: %s", fault, failures)
        .isEqualTo(new TreeSet<>(expected));
    Pattern pattern = Pattern.compile(messagePattern);
    failures.forEach(
        (rule, message) ->
            assertThat(pattern.matcher(message).find())
                .as(
                    "failure message of %s for %s should point at the fault: %s",
                    rule, fault, message)
                .isTrue());
  }

  private static Map<String, String> failedRules(Class<?> testClass) {
    EngineExecutionResults results =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(testClass))
            .filters(MethodFilter.excludeMethodNamePatterns(".*_C1[459]_.*"))
            .execute();
    Map<String, String> failures = new TreeMap<>();
    for (Event event : results.testEvents().failed().list()) {
      String method =
          ((org.junit.platform.engine.support.descriptor.MethodSource)
                  event.getTestDescriptor().getSource().orElseThrow())
              .getMethodName();
      Matcher matcher = RULE_ID.matcher(method);
      String rule = matcher.find() ? matcher.group(1) : method;
      String message =
          event
              .getPayload(org.junit.platform.engine.TestExecutionResult.class)
              .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
              .map(Throwable::getMessage)
              .orElse("");
      failures.put(rule, message == null ? "" : message);
    }
    return failures;
  }

  /** The test provider with the fault the running case selected. */
  static final class BrokenProvider {
    static volatile Fault fault;

    private BrokenProvider() {}
  }

  /** The TCK run against the broken provider. */
  static class BrokenProviderTck extends TransportTck {
    @Override
    public TransportProvider provider() {
      Fault fault = BrokenProvider.fault;
      Assumptions.assumeTrue(fault != null, "runs only inside TckSelfTest, which sets the fault");
      return new JdkTransportProvider(EnumSet.of(fault));
    }

    @Override
    public WireTap wireTap() {
      return new HttpWireTap(secureScheme());
    }
  }
}
