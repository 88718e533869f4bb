package io.agenttransport.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.agenttransport.agent.ReferenceAgent;
import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.CallListener;
import io.agenttransport.config.AgentConfig;
import io.agenttransport.config.ConfigLoader;
import io.agenttransport.config.CoreConfig;
import io.agenttransport.registry.TransportRegistry;
import io.agenttransport.spi.AgentServer;
import io.agenttransport.spi.ClientContext;
import io.agenttransport.spi.ClientTransport;
import io.agenttransport.spi.ServerContext;
import io.agenttransport.testing.TestPki;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loads real certificates and keys from YAML files through the runtime. */
class ConfiguredSecurityTest {
  @TempDir Path dir;

  private final TransportRegistry registry = TransportRegistry.load();

  @BeforeEach
  void writePki() throws IOException {
    InMemoryProvider.CLIENT_CONTEXTS.clear();
    InMemoryProvider.SERVER_CONTEXTS.clear();
    TestPki.Issued ca = TestPki.rootCa("Test Root").build();
    TestPki.Issued core =
        TestPki.certificate("core")
            .issuer(ca)
            .keyType(TestPki.KeyType.ED25519)
            .uri("spiffe://example/core")
            .clientAuth()
            .build();
    TestPki.Issued agent =
        TestPki.certificate("agent")
            .issuer(ca)
            .dns("localhost")
            .ip("127.0.0.1")
            .serverAuth()
            .build();
    pem("ca.pem", ca.certificate());
    pem("core.key", new JcaPKCS8Generator(core.privateKey(), null));
    pem("core.crt", core.certificate());
    pem("agent.key", new JcaPKCS8Generator(agent.privateKey(), null));
    pem("agent.crt", agent.certificate());
  }

  @Test
  void coreLoadsTlsAndSigner() throws IOException {
    Path file =
        yaml(
            "core.yaml",
            "transport: memory\ntls:\n  ca_bundle: ca.pem\n  client_key: core.key\n"
                + "  client_cert: core.crt\nsigning:\n  key_id: core-1\n");
    CoreConfig config = ConfigLoader.loadCore(file);

    try (ClientTransport transport = CoreTransports.create(config, registry, CallListener.NONE)) {
      transport.open(new AgentAddress("mem", "127.0.0.1", 40_100));
    }

    ClientContext context = InMemoryProvider.CLIENT_CONTEXTS.get(0);
    assertThat(context.tls()).isNotNull();
    assertThat(context.tls().protocols()).containsExactly("TLSv1.3");
    assertThat(context.signer()).isNotNull();
    assertThat(context.signer().keyId()).isEqualTo("core-1");
  }

  @Test
  void mutualTlsAgentEnablesActions() throws IOException {
    Path file =
        yaml(
            "agent.yaml",
            "transport: memory\ntls:\n  cert: agent.crt\n  key: agent.key\n"
                + "  client_ca_bundle: ca.pem\n  core_identity: URI:spiffe://example/core\n"
                + "signature:\n  trusted_keys:\n    - key_id: core-1\n      certificate: core.crt\n");
    AgentConfig config = ConfigLoader.loadAgent(file);

    try (ReferenceAgent agent = ReferenceAgent.create("node-tls");
        AgentServer server = AgentRuntime.start(config, agent, registry, CallListener.NONE)) {

      ServerContext context = InMemoryProvider.SERVER_CONTEXTS.get(0);
      assertThat(server.actionsEnabled()).isTrue();
      assertThat(context.tls().clientAuthRequired()).isTrue();
      assertThat(context.guard().actionsReason()).isNotBlank();
    }
  }

  private void pem(String name, Object value) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(value);
    }
    Files.writeString(dir.resolve(name), text.toString());
  }

  private Path yaml(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}
