package io.agenttransport.security.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agenttransport.config.AgentTlsConfig;
import io.agenttransport.config.ClientSettings;
import io.agenttransport.config.ConfigException;
import io.agenttransport.config.CoreTlsConfig;
import io.agenttransport.config.PeerIdentity;
import io.agenttransport.config.Secret;
import io.agenttransport.config.ServerSettings;
import io.agenttransport.security.tls.LoopbackTls.Outcome;
import io.agenttransport.testing.TestPki;
import io.agenttransport.testing.TestPki.Issued;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading both materials from PEM files, as configuration names them. */
class TlsMaterialLoadTest {
  private static final String HOST = "127.0.0.1";
  private static final PeerIdentity CORE = PeerIdentity.parse("URI:spiffe://example/core");
  private static final String PASSWORD = "agent key password";

  private static Issued ca;
  private static Issued agent;
  private static Issued core;

  @TempDir Path dir;

  @BeforeAll
  static void createPki() {
    ca = TestPki.rootCa("Test CA").build();
    agent = TestPki.certificate("agent-1").issuer(ca).ip(HOST).serverAuth().build();
    core = TestPki.certificate("core").issuer(ca).uri(CORE.value()).clientAuth().build();
  }

  @Test
  void loadedMaterialsHandshake() throws Exception {
    Path caBundle = TestPki.writePem(dir.resolve("ca.pem"), ca.certificate());
    Path coreKeyAndChain =
        TestPki.writePem(dir.resolve("core.pem"), core.privateKey(), core.certificate());
    Path agentCert = TestPki.writePem(dir.resolve("agent.crt"), agent.certificate());
    Path agentKey =
        TestPki.writeEncryptedKey(dir.resolve("agent.key"), agent.privateKey(), PASSWORD);
    ClientTlsMaterial client =
        ClientTlsMaterial.load(
            new CoreTlsConfig(caBundle, coreKeyAndChain, null, null), ClientSettings.DEFAULTS);
    ServerTlsMaterial server =
        ServerTlsMaterial.load(
            new AgentTlsConfig(agentCert, agentKey, Secret.of(PASSWORD), caBundle, List.of(CORE)),
            ServerSettings.DEFAULTS);

    Outcome outcome = LoopbackTls.connect(server.sslContext(), client.sslContext(), HOST);

    assertThat(outcome.succeeded()).isTrue();
    assertThat(server.clientAuthRequired()).isTrue();
    assertThat(server.certificateChain()).containsExactly(agent.certificate());
  }

  @Test
  void keyWithoutChainNamesBothKeys() throws Exception {
    Path caBundle = TestPki.writePem(dir.resolve("ca.pem"), ca.certificate());
    Path keyOnly = TestPki.writePem(dir.resolve("core.key"), core.privateKey());
    CoreTlsConfig config = new CoreTlsConfig(caBundle, keyOnly, null, null);

    assertThatThrownBy(() -> ClientTlsMaterial.load(config, ClientSettings.DEFAULTS))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(keyOnly.toString())
        .hasMessageContaining("no certificate follows the private key")
        .hasMessageContaining("tls.client_cert");
  }

  @Test
  void keyNotMatchingCertificateNamesFile() throws Exception {
    Path caBundle = TestPki.writePem(dir.resolve("ca.pem"), ca.certificate());
    Path key = TestPki.writePem(dir.resolve("core.key"), agent.privateKey());
    Path cert = TestPki.writePem(dir.resolve("core.crt"), core.certificate());
    CoreTlsConfig config = new CoreTlsConfig(caBundle, key, cert, null);

    assertThatThrownBy(() -> ClientTlsMaterial.load(config, ClientSettings.DEFAULTS))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "tls.client_cert: "
                + cert
                + ": the private key does not match the first certificate 'CN=core';"
                + " put the certificate of this key first in the chain");
  }

  @Test
  void expiredCertificateNamesFile() throws Exception {
    Issued expired =
        TestPki.certificate("agent-1")
            .issuer(ca)
            .ip(HOST)
            .serverAuth()
            .validity(
                Instant.now().minus(Duration.ofDays(2)), Instant.now().minus(Duration.ofDays(1)))
            .build();
    Path cert = TestPki.writePem(dir.resolve("agent.crt"), expired.certificate());
    Path key = TestPki.writePem(dir.resolve("agent.key"), expired.privateKey());
    AgentTlsConfig config = new AgentTlsConfig(cert, key, null, null, List.of());

    assertThatThrownBy(() -> ServerTlsMaterial.load(config, ServerSettings.DEFAULTS))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("tls.cert: " + cert + ": the certificate expired on ")
        .hasMessageEndingWith("('CN=agent-1'); install a currently valid certificate");
  }

  @Test
  void wrongKeyPasswordNamesFile() throws Exception {
    Path cert = TestPki.writePem(dir.resolve("agent.crt"), agent.certificate());
    Path key = TestPki.writeEncryptedKey(dir.resolve("agent.key"), agent.privateKey(), PASSWORD);
    AgentTlsConfig config = new AgentTlsConfig(cert, key, Secret.of("not it"), null, List.of());

    assertThatThrownBy(() -> ServerTlsMaterial.load(config, ServerSettings.DEFAULTS))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("tls.key: " + key + ": ")
        .hasMessageContaining("wrong password");
  }

  @Test
  void missingCaBundleNamesKey() {
    Path missing = dir.resolve("missing-ca.pem");
    CoreTlsConfig config = new CoreTlsConfig(missing, dir.resolve("core.pem"), null, null);

    assertThatThrownBy(() -> ClientTlsMaterial.load(config, ClientSettings.DEFAULTS))
        .isInstanceOf(ConfigException.class)
        .hasMessage("tls.ca_bundle: " + missing + ": file not found; check the path");
  }

  @Test
  void clientCaWithoutCoreIdentityFails() throws Exception {
    Path caBundle = TestPki.writePem(dir.resolve("ca.pem"), ca.certificate());
    Path keyAndChain =
        TestPki.writePem(dir.resolve("agent.pem"), agent.privateKey(), agent.certificate());
    AgentTlsConfig config = new AgentTlsConfig(null, keyAndChain, null, caBundle, List.of());

    assertThatThrownBy(() -> ServerTlsMaterial.load(config, ServerSettings.DEFAULTS))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "tls.core_identity: missing, but required with tls.client_ca_bundle");
  }

  @Test
  void ecKeyWithoutCurveNamesFix() throws Exception {
    Path key = dir.resolve("core.key");
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      // Given a JDK EC key, this writer emits SEC1 without the curve.
      writer.writeObject(core.privateKey());
    }
    Files.writeString(key, text.toString());

    assertThatThrownBy(() -> PemFiles.readPrivateKey(key, null, "tls.client_key"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("the EC private key does not name its curve");
  }

  @Test
  void ecKeyWithoutCurveUsesChain() throws Exception {
    Path caBundle = TestPki.writePem(dir.resolve("ca.pem"), ca.certificate());
    Path keyAndChain = dir.resolve("core.pem");
    Files.writeString(keyAndChain, pemOf(core.privateKey()) + pemOf(core.certificate()));
    ClientTlsMaterial client =
        ClientTlsMaterial.load(
            new CoreTlsConfig(caBundle, keyAndChain, null, null), ClientSettings.DEFAULTS);
    ServerTlsMaterial server = agentMaterial(caBundle);

    Outcome outcome = LoopbackTls.connect(server.sslContext(), client.sslContext(), HOST);

    assertThat(outcome.succeeded()).isTrue();
  }

  @Test
  void ecKeyWithoutCurveUsesCertFile() throws Exception {
    Path caBundle = TestPki.writePem(dir.resolve("ca.pem"), ca.certificate());
    Path key = dir.resolve("core.key");
    Files.writeString(key, pemOf(core.privateKey()));
    Path cert = TestPki.writePem(dir.resolve("core.crt"), core.certificate());

    ClientTlsMaterial client =
        ClientTlsMaterial.load(
            new CoreTlsConfig(caBundle, key, cert, null), ClientSettings.DEFAULTS);

    assertThat(client.sslContext()).isNotNull();
  }

  @Test
  void ecKeyWithoutCurveRejectsOtherCert() throws Exception {
    Path caBundle = TestPki.writePem(dir.resolve("ca.pem"), ca.certificate());
    Path key = dir.resolve("core.key");
    Files.writeString(key, pemOf(core.privateKey()));
    Path otherCert = TestPki.writePem(dir.resolve("agent.crt"), agent.certificate());
    CoreTlsConfig config = new CoreTlsConfig(caBundle, key, otherCert, null);

    assertThatThrownBy(() -> ClientTlsMaterial.load(config, ClientSettings.DEFAULTS))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("the EC private key does not name its curve");
  }

  private ServerTlsMaterial agentMaterial(Path caBundle) throws Exception {
    Path agentPem =
        TestPki.writePem(dir.resolve("agent.pem"), agent.privateKey(), agent.certificate());
    return ServerTlsMaterial.load(
        new AgentTlsConfig(null, agentPem, null, caBundle, List.of(CORE)), ServerSettings.DEFAULTS);
  }

  /**
   * Returns the PEM text JcaPEMWriter writes for {@code object}; a JDK EC key comes out as SEC1
   * without its curve.
   */
  private static String pemOf(Object key) throws Exception {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(key);
    }
    return text.toString();
  }
}
