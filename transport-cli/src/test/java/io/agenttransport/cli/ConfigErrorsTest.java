package io.agenttransport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agenttransport.api.AgentAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each bad configuration gives its own one-line message and exit code 2. */
class ConfigErrorsTest {
  private static final AgentAddress AGENT = new AgentAddress("https", "127.0.0.1", 8443);

  @TempDir Path dir;

  @BeforeEach
  void writeCertificates() {
    CliRun certs = CliRun.of("certs", "--out", dir.toString());
    assertThat(certs.exitCode()).as(certs.err()).isZero();
  }

  @Test
  void missingKeyNamesKey() throws IOException {
    Path core = TestFiles.coreConfig(dir, List.of(AGENT));
    Files.writeString(core, Files.readString(core).replaceAll("(?m)^  client_key:.*\\n", ""));

    CliRun run = CliRun.of("core", "--config", core.toString(), "info");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains("tls.client_key");
    assertThat(run.err()).doesNotContain("\tat ");
  }

  @Test
  void unreadableFileNamesPath() throws IOException {
    Path core = TestFiles.coreConfig(dir, List.of(AGENT));
    Path missing = dir.resolve("no-such-ca.pem");
    Files.writeString(
        core, Files.readString(core).replace(dir.resolve("ca.pem").toString(), missing.toString()));

    CliRun run = CliRun.of("core", "--config", core.toString(), "info");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains("tls.ca_bundle", missing.toString());
  }

  @Test
  void missingConfigFileNamesFile() {
    Path missing = dir.resolve("nowhere.yaml");

    CliRun run = CliRun.of("core", "--config", missing.toString(), "sync");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains(missing.toString());
  }

  @Test
  void unknownTransportListsProviders() throws IOException {
    Path core = TestFiles.coreConfig(dir, List.of(AGENT));
    Files.writeString(
        core, Files.readString(core).replace("transport: 'http'", "transport: 'carrier-pigeon'"));

    CliRun run = CliRun.of("core", "--config", core.toString(), "info");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains("carrier-pigeon", "http");
  }

  @Test
  void actionsWithoutTlsRejected() throws IOException {
    Path agent = dir.resolve("agent.yaml");
    Files.writeString(agent, "transport: http\nserver:\n  port: 0\nactions: enabled\n");

    CliRun run = CliRun.of("agent", "--config", agent.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains("actions");
    assertThat(run.err()).containsIgnoringCase("tls");
  }

  @Test
  void badUsageExitsTwo() {
    CliRun run = CliRun.of("core", "info");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--config");
  }

  @Test
  void verboseAddsStackTrace() throws IOException {
    Path core = TestFiles.coreConfig(dir, List.of(AGENT));
    Files.writeString(
        core, Files.readString(core).replace("transport: 'http'", "transport: 'carrier-pigeon'"));

    CliRun run = CliRun.of("core", "--config", core.toString(), "info", "--verbose");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains("\tat ");
  }
}
