package io.agenttransport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agenttransport.api.AgentAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoreSyncTest {
  private static final String CORE_URI = "spiffe://example/core";

  @TempDir Path dir;

  @Test
  void syncReportsDownAgent() throws Exception {
    CliRun certs =
        CliRun.of(
            "certs",
            "--out",
            dir.toString(),
            "--core-uri",
            CORE_URI,
            "--agent",
            "a",
            "--agent",
            "b");
    assertThat(certs.exitCode()).as(certs.err()).isZero();
    AgentAddress down = TestFiles.closedAddress();

    try (AgentCommand.RunningAgent first =
            TestFiles.startAgent(TestFiles.agentConfig(dir, "a", "URI:" + CORE_URI), "node-a");
        AgentCommand.RunningAgent second =
            TestFiles.startAgent(TestFiles.agentConfig(dir, "b", "URI:" + CORE_URI), "node-b")) {
      AgentAddress firstAddress = first.server().boundAddress();
      AgentAddress secondAddress = second.server().boundAddress();
      Path core = TestFiles.coreConfig(dir, List.of(firstAddress, down, secondAddress));

      CliRun sync = CliRun.of("core", "--config", core.toString(), "sync");

      assertThat(sync.exitCode()).as(sync.err()).isEqualTo(1);
      assertThat(sync.out()).contains("agent " + firstAddress + "\n  node node-a: HEALTHY");
      assertThat(sync.out()).contains("agent " + secondAddress + "\n  node node-b: HEALTHY");
      assertThat(sync.out()).contains("agent " + down + "\n  error: unreachable: ");
      assertThat(sync.out()).contains("2 of 3 agents synced, 1 failed");
    }
  }

  @Test
  void syncSucceedsWhenAllAnswer() throws Exception {
    CliRun.of("certs", "--out", dir.toString(), "--core-uri", CORE_URI, "--agent", "a");

    try (AgentCommand.RunningAgent agent =
        TestFiles.startAgent(TestFiles.agentConfig(dir, "a", "URI:" + CORE_URI), "node-a")) {
      Path core = TestFiles.coreConfig(dir, List.of(agent.server().boundAddress()));

      CliRun sync = CliRun.of("core", "--config", core.toString(), "sync");

      assertThat(sync.exitCode()).as(sync.err()).isZero();
      assertThat(sync.out()).contains("queued actions:", "finished actions:", "shards:");
      assertThat(sync.out()).contains("1 of 1 agents synced, 0 failed");
    }
  }

  @Test
  void syncPrintsProgressForMany() throws Exception {
    CliRun.of("certs", "--out", dir.toString());
    List<AgentAddress> agents = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      agents.add(TestFiles.closedAddress());
    }
    Path core = TestFiles.coreConfig(dir, agents);

    CliRun sync = CliRun.of("core", "--config", core.toString(), "sync", "--max-in-flight", "4");

    assertThat(sync.exitCode()).as(sync.err()).isEqualTo(1);
    assertThat(sync.err()).contains("synced 10 of 10 agents");
    assertThat(sync.out()).contains("0 of 10 agents synced, 10 failed");
  }
}
