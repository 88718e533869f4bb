package io.agenttransport.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.agenttransport.api.AgentAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {
  private static final Map<String, String> ENVIRONMENT = Map.of("CORE_KEY_PASSWORD", "s3cret-env");

  @TempDir Path dir;

  @BeforeEach
  void writePemFiles() throws IOException {
    Files.createDirectories(dir.resolve("pki"));
    for (String name :
        List.of(
            "ca.pem", "core.key", "core.crt", "sign.key", "agent.key", "agent.crt", "pub.pem")) {
      Files.writeString(dir.resolve("pki").resolve(name), "-----BEGIN PLACEHOLDER-----\n");
    }
  }

  @Test
  void fullCoreFileLoads() throws IOException {
    Path file =
        write(
            "core.yaml",
            """
            transport: http
            tls:
              ca_bundle: pki/ca.pem
              client_key: pki/core.key
              client_cert: pki/core.crt
              key_password_env: CORE_KEY_PASSWORD
            signing:
              key_id: core-2026
              key: pki/sign.key
              key_password: "1234"
            client:
              connect_timeout: 2s
              handshake_timeout: 3s
              call_timeout: 1m
              connection_mode: per_call
              burst_idle: 250ms
              pool_idle: 2m
              session_resumption: false
              max_response_bytes: 1048576
              sign_all_requests: true
              tls_versions: [TLSv1.3, TLSv1.2]
            agents:
              - https://db-1.internal:8443
              - https://[::1]:9443
            options:
              http:
                max_idle: 4
                verbose: true
            """);

    CoreConfig config = ConfigLoader.loadCore(file, ENVIRONMENT::get);

    assertThat(config.transport()).isEqualTo("http");
    assertThat(config.tls().caBundle()).isEqualTo(dir.resolve("pki/ca.pem"));
    assertThat(config.tls().clientCert()).isEqualTo(dir.resolve("pki/core.crt"));
    assertThat(config.tls().keyPassword().reveal()).containsExactly("s3cret-env".toCharArray());
    assertThat(config.signing().keyId()).isEqualTo("core-2026");
    assertThat(config.signing().keyPassword().reveal()).containsExactly('1', '2', '3', '4');
    assertThat(config.client().connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.client().handshakeTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.client().callTimeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.client().connectionMode()).isEqualTo(ConnectionMode.PER_CALL);
    assertThat(config.client().burstIdle()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.client().poolIdle()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.client().sessionResumption()).isFalse();
    assertThat(config.client().maxResponseBytes()).isEqualTo(1_048_576);
    assertThat(config.client().signAllRequests()).isTrue();
    assertThat(config.client().tlsVersions()).containsExactly("TLSv1.3", "TLSv1.2");
    assertThat(config.agents())
        .containsExactly(
            new AgentAddress("https", "db-1.internal", 8443),
            new AgentAddress("https", "::1", 9443));
    assertThat(config.optionsFor("http"))
        .containsEntry("max_idle", "4")
        .containsEntry("verbose", "true");
  }

  @Test
  void emptyCoreFileGivesDefaults() throws IOException {
    Path file = write("core.yaml", "");

    CoreConfig config = ConfigLoader.loadCore(file, ENVIRONMENT::get);

    assertThat(config.transport()).isEqualTo(CoreConfig.DEFAULT_TRANSPORT);
    assertThat(config.tls()).isNull();
    assertThat(config.signing()).isNull();
    assertThat(config.client()).isEqualTo(ClientSettings.DEFAULTS);
    assertThat(config.agents()).isEmpty();
  }

  @Test
  void fullAgentFileLoads() throws IOException {
    Path file =
        write(
            "agent.yaml",
            """
            transport: grpc
            server:
              bind: "::1"
              port: 8443
              handshake_timeout: 4s
              header_timeout: 5s
              idle_timeout: 1m
              max_connections: 64
              max_request_bytes: 65536
              tls_versions: TLSv1.3
            tls:
              cert: pki/agent.crt
              key: pki/agent.key
              key_password: agent-pass
              client_ca_bundle: pki/ca.pem
              core_identity: [URI:spiffe://example/core, DNS:core.example]
            actions: enabled
            signature:
              trusted_keys:
                - key_id: core-2026
                  certificate: pki/core.crt
                  algorithm: ed25519
                - key_id: core-2025
                  public_key: pki/pub.pem
              max_age: 30s
              clock_skew: 5s
              max_validity: 2m
              nonce_cache_size: 5000
              require_all_signed: true
              authorities: ["db-1.internal:8443", "[::1]:8443"]
            options:
              grpc:
                keepalive: 30s
            """);

    AgentConfig config = ConfigLoader.loadAgent(file, ENVIRONMENT::get);

    assertThat(config.transport()).isEqualTo("grpc");
    assertThat(config.server().bindHost()).isEqualTo("::1");
    assertThat(config.server().port()).isEqualTo(8443);
    assertThat(config.server().handshakeTimeout()).isEqualTo(Duration.ofSeconds(4));
    assertThat(config.server().headerTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.server().idleTimeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.server().maxConnections()).isEqualTo(64);
    assertThat(config.server().maxRequestBytes()).isEqualTo(65_536);
    assertThat(config.server().tlsVersions()).containsExactly("TLSv1.3");
    assertThat(config.tls().cert()).isEqualTo(dir.resolve("pki/agent.crt"));
    assertThat(config.tls().keyPassword().reveal()).containsExactly("agent-pass".toCharArray());
    assertThat(config.tls().clientAuthRequired()).isTrue();
    assertThat(config.tls().coreIdentities())
        .containsExactly(
            new PeerIdentity(PeerIdentity.Type.URI, "spiffe://example/core"),
            new PeerIdentity(PeerIdentity.Type.DNS, "core.example"));
    assertThat(config.actions()).isEqualTo(ActionsMode.ENABLED);
    assertThat(config.signature().trustedKeys())
        .containsExactly(
            new TrustedKeyConfig("core-2026", dir.resolve("pki/core.crt"), "ed25519"),
            new TrustedKeyConfig("core-2025", dir.resolve("pki/pub.pem"), null));
    assertThat(config.signature().replay())
        .isEqualTo(
            new ReplaySettings(
                Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofMinutes(2), 5000));
    assertThat(config.signature().requireAllSigned()).isTrue();
    assertThat(config.signature().authorities())
        .containsExactly("db-1.internal:8443", "[::1]:8443");
    assertThat(config.optionsFor("grpc")).containsEntry("keepalive", "30s");
  }

  @Test
  void emptyAgentFileGivesDefaults() throws IOException {
    Path file = write("agent.yaml", "{}");

    AgentConfig config = ConfigLoader.loadAgent(file, ENVIRONMENT::get);

    assertThat(config.transport()).isEqualTo("http");
    assertThat(config.server()).isEqualTo(ServerSettings.DEFAULTS);
    assertThat(config.tls()).isNull();
    assertThat(config.actions()).isEqualTo(ActionsMode.AUTO);
    assertThat(config.signature().replay()).isEqualTo(ReplaySettings.DEFAULTS);
    assertThat(config.signature().trustedKeys()).isEmpty();
  }

  static Stream<Arguments> invalidCore() {
    String tls = "tls:\n  ca_bundle: pki/ca.pem\n  client_key: pki/core.key\n";
    return Stream.of(
        invalid("tranport: http", "tranport", "unknown key: expected one of agents, client"),
        invalid("transport: HTTP", "transport", "'HTTP'"),
        invalid("transport: [http]", "transport", "expected a string"),
        invalid("tls: pki/ca.pem", "tls", "expected a mapping"),
        invalid("tls:\n  client_key: pki/core.key\n", "tls.ca_bundle", "missing"),
        invalid(
            "tls:\n  ca_bundle: pki/none.pem\n  client_key: pki/core.key\n",
            "tls.ca_bundle",
            "file not found: "),
        invalid("tls:\n  ca_bundle: pki/ca.pem\n", "tls.client_key", "missing"),
        invalid(tls + "  client_cert: nope.crt\n", "tls.client_cert", "nope.crt"),
        invalid(tls + "  ca_file: x\n", "tls.ca_file", "unknown key"),
        invalid(
            tls + "  key_password_env: NO_SUCH_VARIABLE\n",
            "tls.key_password_env",
            "environment variable 'NO_SUCH_VARIABLE' is not set"),
        invalid(tls + "  key_password: 1234\n", "tls.key_password", "quote a password"),
        invalid(
            tls + "  key_password: a\n  key_password_env: CORE_KEY_PASSWORD\n",
            "tls.key_password",
            "not both"),
        invalid("signing:\n  key: pki/sign.key\n", "signing.key_id", "missing"),
        invalid("signing:\n  key_id: k\n  key: pki/gone.key\n", "signing.key", "file not found"),
        invalid("signing:\n  key_id: k\n", "signing.key", "tls.client_key"),
        invalid("client:\n  connect_timeout: 5\n", "client.connect_timeout", "expected a duration"),
        invalid("client:\n  handshake_timeout: 5 sec\n", "client.handshake_timeout", "'5 sec'"),
        invalid("client:\n  call_timeout: 0s\n", "client.call_timeout", "longer than zero"),
        invalid(
            "client:\n  connection_mode: eager\n",
            "client.connection_mode",
            "expected one of burst, pooled, per_call"),
        invalid("client:\n  burst_idle: soon\n", "client.burst_idle", "'soon'"),
        invalid("client:\n  pool_idle: -1s\n", "client.pool_idle", "'-1s'"),
        invalid(
            "client:\n  session_resumption: yes please\n",
            "client.session_resumption",
            "expected true or false"),
        invalid(
            "client:\n  max_response_bytes: 0\n",
            "client.max_response_bytes",
            "expected a whole number from 1"),
        invalid("client:\n  sign_all_requests: 1\n", "client.sign_all_requests", "true or false"),
        invalid(
            "client:\n  tls_versions: [TLSv1.1]\n",
            "client.tls_versions",
            "'TLSv1.1': expected TLSv1.3 or TLSv1.2"),
        invalid("client:\n  tls_versions: []\n", "client.tls_versions", "empty list"),
        invalid("client:\n  retries: 3\n", "client.retries", "unknown key"),
        invalid("agents: [\"db-1:8443\"]", "agents[0]", "invalid agent address 'db-1:8443'"),
        invalid("agents: [7]", "agents[0]", "expected a string"),
        invalid("options:\n  http:\n    pool: [1]\n", "options.http.pool", "expected a string"),
        invalid("options:\n  http: 3\n", "options.http", "expected a mapping"));
  }

  @ParameterizedTest(name = "{1}: {2}")
  @MethodSource("invalidCore")
  void invalidCoreKeyIsNamed(String yaml, String key, String message) throws IOException {
    Path file = write("core.yaml", yaml);

    assertThatThrownBy(() -> ConfigLoader.loadCore(file, ENVIRONMENT::get))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo(key))
        .hasMessageContaining(message);
  }

  static Stream<Arguments> invalidAgent() {
    String tls = "tls:\n  key: pki/agent.key\n";
    String key = "signature:\n  trusted_keys:\n    - key_id: k\n";
    return Stream.of(
        invalid("sever: {}", "sever", "expected one of actions, options, server"),
        invalid("server:\n  bind: [a]\n", "server.bind", "expected a string"),
        invalid("server:\n  port: 70000\n", "server.port", "from 0 to 65535"),
        invalid("server:\n  port: eighty\n", "server.port", "'eighty'"),
        invalid("server:\n  handshake_timeout: 1d\n", "server.handshake_timeout", "'1d'"),
        invalid("server:\n  header_timeout: 0ms\n", "server.header_timeout", "longer than zero"),
        invalid("server:\n  idle_timeout: 30\n", "server.idle_timeout", "expected a duration"),
        invalid("server:\n  max_connections: 0\n", "server.max_connections", "from 1"),
        invalid("server:\n  max_request_bytes: 1.5\n", "server.max_request_bytes", "whole number"),
        invalid("server:\n  tls_versions: [SSLv3]\n", "server.tls_versions", "'SSLv3'"),
        invalid("server:\n  backlog: 5\n", "server.backlog", "unknown key"),
        invalid("tls:\n  cert: pki/agent.crt\n", "tls.key", "missing"),
        invalid("tls:\n  key: missing.key\n", "tls.key", "missing.key"),
        invalid(tls + "  cert: pki/nope.crt\n", "tls.cert", "file not found"),
        invalid(
            tls + "  client_ca_bundle: pki/nope.pem\n", "tls.client_ca_bundle", "file not found"),
        invalid(
            tls + "  client_ca_bundle: pki/ca.pem\n",
            "tls.core_identity",
            "required with client_ca_bundle"),
        invalid(
            tls + "  core_identity: CN:core\n", "tls.core_identity", "without client_ca_bundle"),
        invalid(
            tls + "  client_ca_bundle: pki/ca.pem\n  core_identity: IP:10.0.0.1\n",
            "tls.core_identity",
            "invalid identity 'IP:10.0.0.1'"),
        invalid(tls + "  key_password_env: AGENT_PASS\n", "tls.key_password_env", "AGENT_PASS"),
        invalid("actions: on\n", "actions", "expected one of enabled, disabled, auto"),
        invalid("actions: sometimes\n", "actions", "'sometimes'"),
        invalid(key, "signature.trusted_keys[0].certificate", "exactly one of"),
        invalid(
            key + "      certificate: pki/core.crt\n      public_key: pki/pub.pem\n",
            "signature.trusted_keys[0].certificate",
            "exactly one of"),
        invalid(
            key + "      public_key: pki/gone.pem\n",
            "signature.trusted_keys[0].public_key",
            "file not found"),
        invalid(
            key + "      certificate: pki/core.crt\n      algorithm: hmac-sha256\n",
            "signature.trusted_keys[0].algorithm",
            "one of ed25519, ecdsa-p256-sha256"),
        invalid(
            "signature:\n  trusted_keys:\n    - certificate: pki/core.crt\n",
            "signature.trusted_keys[0].key_id",
            "missing"),
        invalid(
            "signature:\n  trusted_keys: core.crt\n",
            "signature.trusted_keys",
            "expected a list of mappings"),
        invalid("signature:\n  max_age: 0s\n", "signature.max_age", "longer than zero"),
        invalid("signature:\n  clock_skew: later\n", "signature.clock_skew", "'later'"),
        invalid("signature:\n  max_validity: 5\n", "signature.max_validity", "a duration"),
        invalid("signature:\n  nonce_cache_size: 0\n", "signature.nonce_cache_size", "from 1"),
        invalid(
            "signature:\n  require_all_signed: sure\n",
            "signature.require_all_signed",
            "true or false"),
        invalid(
            "signature:\n  authorities: [\"db-1\"]\n",
            "signature.authorities[0]",
            "expected host:port"),
        invalid("signature:\n  window: 5s\n", "signature.window", "unknown key"));
  }

  @ParameterizedTest(name = "{1}: {2}")
  @MethodSource("invalidAgent")
  void invalidAgentKeyIsNamed(String yaml, String key, String message) throws IOException {
    Path file = write("agent.yaml", yaml);

    assertThatThrownBy(() -> ConfigLoader.loadAgent(file, ENVIRONMENT::get))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo(key))
        .hasMessageContaining(message);
  }

  @Test
  void passwordNeverInMessage() throws IOException {
    Path file =
        write(
            "core.yaml",
            "tls:\n  ca_bundle: pki/ca.pem\n  client_key: pki/core.key\n"
                + "  key_password: [hunter2]\n");

    assertThatThrownBy(() -> ConfigLoader.loadCore(file, ENVIRONMENT::get))
        .isInstanceOf(ConfigException.class)
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void yamlErrorHidesPassword() throws IOException {
    Path file =
        write(
            "core.yaml",
            "tls:\n  ca_bundle: pki/ca.pem\n  client_key: pki/core.key\n"
                + "  key_password: hunter2: x\n");

    Throwable error = catchThrowable(() -> ConfigLoader.loadCore(file, ENVIRONMENT::get));

    assertThat(error).isInstanceOf(ConfigException.class).hasMessageContaining("line 4");
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      assertThat(String.valueOf(cause.getMessage())).doesNotContain("hunter2");
    }
  }

  @Test
  void duplicateKeyRejected() throws IOException {
    Path file = write("core.yaml", "transport: http\ntransport: grpc\n");

    assertThatThrownBy(() -> ConfigLoader.loadCore(file, ENVIRONMENT::get))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Duplicate field 'transport'");
  }

  @Test
  void missingFileNamed() {
    Path file = dir.resolve("absent.yaml");

    assertThatThrownBy(() -> ConfigLoader.loadCore(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("file not found");
  }

  @Test
  void topLevelListRejected() throws IOException {
    Path file = write("agent.yaml", "- a\n- b\n");

    assertThatThrownBy(() -> ConfigLoader.loadAgent(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("expected a mapping");
  }

  private static Arguments invalid(String yaml, String key, String message) {
    return Arguments.of(yaml, key, message);
  }

  private Path write(String name, String yaml) throws IOException {
    return Files.writeString(dir.resolve(name), yaml);
  }
}
