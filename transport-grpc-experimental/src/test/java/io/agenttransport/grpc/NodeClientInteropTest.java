package io.agenttransport.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenttransport.grpc.testing.FixtureAgent;
import io.agenttransport.grpc.testing.GrpcTestBed;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Calls the agent from Node.js with {@code @grpc/grpc-js} and {@code @grpc/proto-loader}, which
 * share no code with gRPC-Java, using the protobuf file of this module and PEM files of the same
 * certificates.
 *
 * <p>The packages are installed with npm into {@code target/node-client} on the first run. The
 * tests are skipped, with the reason, only when that install fails, as it does without network.
 */
class NodeClientInteropTest {
  private static final Path CLIENT_DIR = Path.of("target", "node-client");
  private static final Path PROTO_ROOT = Path.of("src", "main", "proto");
  private static final long PROCESS_TIMEOUT_SECONDS = 240;

  @BeforeAll
  static void installClient() throws Exception {
    Files.createDirectories(CLIENT_DIR);
    copyResource("package.json");
    copyResource("node-info.js");
    GrpcTestBed.pki().writePem(CLIENT_DIR.resolve("pki"));
    if (Files.isDirectory(CLIENT_DIR.resolve("node_modules/@grpc/grpc-js"))) {
      return;
    }
    Result install = run(List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error"));
    if (install.exitCode() != 0) {
      abort("npm install of @grpc/grpc-js failed, so there is no Node client: " + install.stderr());
    }
  }

  @Test
  void nodeClientReadsNodeInfo() throws Exception {
    try (GrpcTestBed bed = GrpcTestBed.mutualTls(new FixtureAgent())) {
      Result result = nodeInfo(bed, true);

      assertThat(result.exitCode()).as(result.stderr()).isZero();
      JsonNode info = new ObjectMapper().readTree(result.stdout());
      assertThat(info.path("node_id").asText()).isEqualTo("i-0a1b2c3d");
      assertThat(info.path("node_status").path("kind").asText()).isEqualTo("HEALTHY");
      assertThat(info.path("attributes")).hasSize(4);
      assertThat(info.path("address").path("extra").get(0).path("key").asText()).isEqualTo("admin");
    }
  }

  @Test
  void nodeClientWithoutCertificateIsRejected() throws Exception {
    try (GrpcTestBed bed = GrpcTestBed.mutualTls(new FixtureAgent())) {
      Result result = nodeInfo(bed, false);

      assertThat(result.exitCode()).as(result.stdout()).isEqualTo(2);
      assertThat(result.stderr()).contains("code=14").contains("bad certificate");
      assertThat(bed.serverEvents()).isEmpty();
    }
  }

  private static Result nodeInfo(GrpcTestBed bed, boolean clientCertificate) throws Exception {
    Path pki = CLIENT_DIR.resolve("pki").toAbsolutePath();
    List<String> command = new ArrayList<>();
    command.add("node");
    command.add("node-info.js");
    command.add(PROTO_ROOT.toAbsolutePath().toString());
    command.add(bed.server().boundAddress().authority());
    command.add(pki.resolve("ca.pem").toString());
    if (clientCertificate) {
      command.add(pki.resolve("core.pem").toString());
      command.add(pki.resolve("core-key.pem").toString());
    }
    return run(command);
  }

  private static void copyResource(String name) throws IOException {
    try (InputStream in = NodeClientInteropTest.class.getResourceAsStream("/node-client/" + name)) {
      Files.copy(in, CLIENT_DIR.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private record Result(int exitCode, String stdout, String stderr) {}

  private static Result run(List<String> command) throws Exception {
    Path stdout = Files.createTempFile("node-client", ".out");
    Path stderr = Files.createTempFile("node-client", ".err");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(CLIENT_DIR.toFile())
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile())
              .start();
      if (!process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(command + " did not finish in " + PROCESS_TIMEOUT_SECONDS + " s");
      }
      return new Result(
          process.exitValue(),
          Files.readString(stdout, StandardCharsets.UTF_8),
          Files.readString(stderr, StandardCharsets.UTF_8).strip());
    } finally {
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }
}
