package io.agenttransport.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificates made by {@code certs} and by openssl work for a real agent and core. */
class CertsAcceptedTest {
  private static final String CORE_URI = "spiffe://example/core";

  @TempDir Path dir;

  @Test
  void certsFilesServeInfo() throws IOException {
    CliRun certs = CliRun.of("certs", "--out", dir.toString(), "--core-uri", CORE_URI);
    assertThat(certs.exitCode()).as(certs.err()).isZero();

    try (AgentCommand.RunningAgent agent =
        TestFiles.startAgent(TestFiles.agentConfig(dir, "agent", "URI:" + CORE_URI), "node-1")) {
      Path core = TestFiles.coreConfig(dir, List.of(agent.server().boundAddress()));

      CliRun info = CliRun.of("core", "--config", core.toString(), "info");

      assertThat(info.exitCode()).as(info.err()).isZero();
      assertThat(info.out()).contains("node node-1");
    }
  }

  @Test
  void certsFilesRunSignedAction() throws IOException {
    CliRun.of("certs", "--out", dir.toString(), "--core-uri", CORE_URI, "--key-type", "ed25519");

    try (AgentCommand.RunningAgent agent =
        TestFiles.startAgent(TestFiles.agentConfig(dir, "agent", "URI:" + CORE_URI), "node-1")) {
      Path core = TestFiles.coreConfig(dir, List.of(agent.server().boundAddress()));

      CliRun schedule =
          CliRun.of(
              "core",
              "--config",
              core.toString(),
              "schedule",
              "--kind",
              "agent.replicante.io/test.success",
              "--wait");

      assertThat(schedule.exitCode()).as(schedule.out() + schedule.err()).isZero();
      assertThat(schedule.out()).contains("finished: DONE");
    }
  }

  @Test
  void opensslFilesRunSignedAction() throws Exception {
    assumeTrue(runOpenSsl(dir), "openssl is not installed");

    try (AgentCommand.RunningAgent agent =
        TestFiles.startAgent(TestFiles.agentConfig(dir, "agent", "URI:" + CORE_URI), "node-1")) {
      Path core = TestFiles.coreConfig(dir, List.of(agent.server().boundAddress()));

      CliRun info = CliRun.of("core", "--config", core.toString(), "info");
      CliRun schedule =
          CliRun.of(
              "core",
              "--config",
              core.toString(),
              "schedule",
              "--kind",
              "agent.replicante.io/test.success",
              "--wait");

      assertThat(info.exitCode()).as(info.err()).isZero();
      assertThat(schedule.exitCode()).as(schedule.out() + schedule.err()).isZero();
      assertThat(schedule.out()).contains("finished: DONE");
    }
  }

  /** Runs the openssl script of the documentation in {@code target}; false without openssl. */
  private static boolean runOpenSsl(Path target) throws Exception {
    Path script = target.resolve("openssl-certs.sh");
    try (var in = CertsAcceptedTest.class.getResourceAsStream("/openssl-certs.sh")) {
      Files.copy(in, script);
    }
    Process process;
    try {
      process =
          new ProcessBuilder("sh", script.toString(), target.toString())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      return false;
    }
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("openssl finished").isTrue();
    if (process.exitValue() == 127) {
      return false;
    }
    assertThat(process.exitValue()).as(output).isZero();
    return true;
  }
}
