package io.agenttransport.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agenttransport.config.ActionsMode;
import io.agenttransport.config.AgentConfig;
import io.agenttransport.config.ConfigException;
import io.agenttransport.config.ReplaySettings;
import io.agenttransport.config.ServerSettings;
import io.agenttransport.config.SignatureSettings;
import io.agenttransport.config.TrustedKeyConfig;
import io.agenttransport.security.signature.SignatureAlgorithm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActionPolicyTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);

  private static PublicKey coreKey;

  @TempDir Path directory;

  @BeforeAll
  static void createKey() throws Exception {
    KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    coreKey = keys.getPublic();
  }

  private static RequestGuard.Builder builder(ActionsMode mode) {
    return RequestGuard.builder(CLOCK).actions(mode);
  }

  private static ConfigException configError(RequestGuard.Builder builder) {
    return (ConfigException)
        org.assertj.core.api.Assertions.catchThrowableOfType(builder::build, ConfigException.class);
  }

  private Path writePublicKey(PublicKey key) throws Exception {
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
    return Files.writeString(directory.resolve("core.pub.pem"), pem);
  }

  private static AgentConfig agentConfig(ActionsMode mode, List<TrustedKeyConfig> keys) {
    return new AgentConfig(
        "http",
        ServerSettings.DEFAULTS,
        null,
        mode,
        new SignatureSettings(keys, ReplaySettings.DEFAULTS, false, List.of()),
        Map.of());
  }

  @Test
  void enabledWithoutTlsNamesTls() {
    ConfigException error =
        configError(
            builder(ActionsMode.ENABLED).trustKey("k", coreKey, SignatureAlgorithm.ED25519));

    assertThat(error.key()).isEqualTo("tls");
  }

  @Test
  void enabledWithoutClientAuthNamesClientCaBundle() {
    ConfigException error =
        configError(
            builder(ActionsMode.ENABLED)
                .serverTls(true, false, null)
                .trustKey("k", coreKey, SignatureAlgorithm.ED25519));

    assertThat(error.key()).isEqualTo("tls.client_ca_bundle");
  }

  @Test
  void enabledWithoutKeysNamesTrustedKeys() {
    ConfigException error = configError(builder(ActionsMode.ENABLED).serverTls(true, true, null));

    assertThat(error.key()).isEqualTo("signature.trusted_keys");
  }

  @Test
  void enabledWithEverythingServesActions() {
    RequestGuard guard =
        builder(ActionsMode.ENABLED)
            .serverTls(true, true, null)
            .trustKey("k", coreKey, SignatureAlgorithm.ED25519)
            .build();

    assertThat(guard.actionsEnabled()).isTrue();
  }

  @Test
  void autoWithEverythingServesActions() {
    RequestGuard guard =
        builder(ActionsMode.AUTO)
            .serverTls(true, true, null)
            .trustKey("k", coreKey, SignatureAlgorithm.ED25519)
            .build();

    assertThat(guard.actionsEnabled()).isTrue();
    assertThat(guard.actionsReason()).contains("enabled");
  }

  @Test
  void autoWithoutTlsDisablesActions() {
    RequestGuard guard =
        builder(ActionsMode.AUTO).trustKey("k", coreKey, SignatureAlgorithm.ED25519).build();

    assertThat(guard.actionsEnabled()).isFalse();
    assertThat(guard.actionsReason()).contains("TLS is not configured");
  }

  @Test
  void autoWithoutClientAuthDisablesActions() {
    RequestGuard guard =
        builder(ActionsMode.AUTO)
            .serverTls(true, false, null)
            .trustKey("k", coreKey, SignatureAlgorithm.ED25519)
            .build();

    assertThat(guard.actionsEnabled()).isFalse();
    assertThat(guard.actionsReason()).contains("tls.client_ca_bundle");
  }

  @Test
  void autoWithoutKeysDisablesActions() {
    RequestGuard guard = builder(ActionsMode.AUTO).serverTls(true, true, null).build();

    assertThat(guard.actionsEnabled()).isFalse();
    assertThat(guard.actionsReason()).contains("signature.trusted_keys");
  }

  @Test
  void disabledNeverServesActions() {
    RequestGuard guard =
        builder(ActionsMode.DISABLED)
            .serverTls(true, true, null)
            .trustKey("k", coreKey, SignatureAlgorithm.ED25519)
            .build();

    assertThat(guard.actionsEnabled()).isFalse();
  }

  @Test
  void duplicateKeyIdRejected() {
    ConfigException error =
        configError(
            builder(ActionsMode.DISABLED)
                .trustKey("k", coreKey, SignatureAlgorithm.ED25519)
                .trustKey("k", coreKey, SignatureAlgorithm.ED25519));

    assertThat(error.key()).isEqualTo("signature.trusted_keys");
  }

  @Test
  void forAgentPinsAlgorithmFromKey() throws Exception {
    Path key = writePublicKey(coreKey);
    AgentConfig config =
        agentConfig(ActionsMode.AUTO, List.of(new TrustedKeyConfig("core-1", key, null)));

    RequestGuard guard = RequestGuard.forAgent(config, null, CLOCK);

    assertThat(guard.actionsEnabled()).isFalse();
  }

  @Test
  void forAgentEnabledWithoutTlsNamesTls() throws Exception {
    Path key = writePublicKey(coreKey);
    AgentConfig config =
        agentConfig(ActionsMode.ENABLED, List.of(new TrustedKeyConfig("core-1", key, null)));

    assertThatThrownBy(() -> RequestGuard.forAgent(config, null, CLOCK))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("tls"));
  }

  @Test
  void forAgentAlgorithmNotFittingKeyRejected() throws Exception {
    Path key = writePublicKey(coreKey);
    AgentConfig config =
        agentConfig(
            ActionsMode.DISABLED,
            List.of(new TrustedKeyConfig("core-1", key, "ecdsa-p256-sha256")));

    assertThatThrownBy(() -> RequestGuard.forAgent(config, null, CLOCK))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> assertThat(e.key()).isEqualTo("signature.trusted_keys[0].algorithm"))
        .hasMessageContaining("ed25519");
  }

  @Test
  void forAgentUnknownAlgorithmRejected() throws Exception {
    Path key = writePublicKey(coreKey);
    AgentConfig config =
        agentConfig(
            ActionsMode.DISABLED, List.of(new TrustedKeyConfig("core-1", key, "hmac-sha256")));

    assertThatThrownBy(() -> RequestGuard.forAgent(config, null, CLOCK))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> assertThat(e.key()).isEqualTo("signature.trusted_keys[0].algorithm"))
        .hasMessageContaining("hmac-sha256");
  }

  @Test
  void forAgentMissingKeyFileRejected() {
    AgentConfig config =
        agentConfig(
            ActionsMode.DISABLED,
            List.of(new TrustedKeyConfig("core-1", directory.resolve("absent.pem"), null)));

    assertThatThrownBy(() -> RequestGuard.forAgent(config, null, CLOCK))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("signature.trusted_keys[0]");
  }
}
