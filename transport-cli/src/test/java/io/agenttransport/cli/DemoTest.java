package io.agenttransport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the demo once and checks each step and each rejected attack in its output. */
class DemoTest {
  private static CliRun demo;

  @BeforeAll
  static void runDemo() {
    demo = CliRun.of("demo");
  }

  @Test
  void demoSucceeds() {
    assertThat(demo.exitCode()).as(demo.out() + demo.err()).isZero();
    assertThat(demo.out()).doesNotContain("[FAIL]");
  }

  @Test
  void demoStartsAgents() {
    assertThat(demo.out()).contains("[ok] certificates written for a CA, core and 3 agents");
    assertThat(demo.out()).containsPattern("\\[ok\\] agent-1 serving https://127\\.0\\.0\\.1:\\d+");
    assertThat(demo.out()).containsPattern("\\[ok\\] agent-2 serving https://127\\.0\\.0\\.1:\\d+");
    assertThat(demo.out()).containsPattern("\\[ok\\] agent-3 serving \\w+://127\\.0\\.0\\.1:\\d+");
    assertThat(demo.out())
        .containsPattern("\\[ok\\] agent-plain serving http://127\\.0\\.0\\.1:\\d+");
  }

  @Test
  void demoBuildsCoreAndSyncs() {
    assertThat(demo.out()).contains("[ok] core built through Guice from core.yaml");
    assertThat(demo.out()).contains("[ok] sync of all agents, agents that answered: 3");
  }

  @Test
  void demoRunsSignedAction() {
    assertThat(demo.out())
        .contains(
            "[ok] signed action agent.replicante.io/test.success on agent-1 followed to: DONE");
  }

  @Test
  void demoRejectsPlainTextAction() {
    assertThat(demo.out())
        .contains("[ok] action over plain HTTP refused by core: PLAINTEXT_ACTION");
    assertThat(demo.out())
        .contains("[ok] action sent over plain HTTP straight to the agent, status: 404");
  }

  @Test
  void demoRejectsReplay() {
    assertThat(demo.out()).contains("[ok] captured signed request sent once");
    assertThat(demo.out()).contains("[ok] replayed request rejected: REPLAYED_NONCE");
    assertThat(demo.out()).contains("[ok] tampered request rejected: DIGEST_MISMATCH");
  }

  @Test
  void demoRejectsUnknownCa() {
    assertThat(demo.out())
        .contains("[ok] client certificate from an unknown CA rejected: authentication-failed");
  }

  @Test
  void demoDeletesFolder() {
    Matcher folder = Pattern.compile("working in (\\S+)").matcher(demo.out());

    assertThat(folder.find()).as(demo.out()).isTrue();
    assertThat(Path.of(folder.group(1))).doesNotExist();
    assertThat(demo.out()).contains("checks passed; temporary folder deleted");
  }
}
