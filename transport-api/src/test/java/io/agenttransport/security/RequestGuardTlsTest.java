package io.agenttransport.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agenttransport.api.AgentOperation;
import io.agenttransport.config.ActionsMode;
import io.agenttransport.config.ConfigException;
import io.agenttransport.config.PeerIdentity;
import io.agenttransport.config.ServerSettings;
import io.agenttransport.security.signature.RequestSigner;
import io.agenttransport.security.signature.SignatureAlgorithm;
import io.agenttransport.security.tls.ServerTlsMaterial;
import io.agenttransport.testing.TestPki;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The guard built from real TLS material rather than from the facts a test sets by hand. */
class RequestGuardTlsTest {
  private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 8443);

  private static TestPki.Issued ca;
  private static TestPki.Issued agent;
  private static TestPki.Issued core;
  private static KeyPair signingKeys;

  @BeforeAll
  static void createPki() {
    ca = TestPki.rootCa("Test CA").keyType(TestPki.KeyType.EC_P256).build();
    agent =
        TestPki.certificate("agent-1")
            .keyType(TestPki.KeyType.EC_P256)
            .issuer(ca)
            .dns("agent-1.test")
            .ip("127.0.0.1")
            .serverAuth()
            .build();
    core =
        TestPki.certificate("core")
            .keyType(TestPki.KeyType.EC_P256)
            .issuer(ca)
            .dns("core.test")
            .clientAuth()
            .build();
    signingKeys = TestPki.generateKeyPair(TestPki.KeyType.ED25519);
  }

  private static ServerTlsMaterial material(boolean clientAuth) {
    return ServerTlsMaterial.of(
        agent.privateKey(),
        agent.chain(),
        clientAuth ? List.of(ca.certificate()) : null,
        clientAuth ? List.of(PeerIdentity.parse("DNS:core.test")) : List.of(),
        ServerSettings.DEFAULTS);
  }

  @Test
  void autoWithClientAuthServesActions() {
    RequestGuard guard =
        RequestGuard.builder(Clock.systemUTC())
            .tls(material(true))
            .trustKey("core-1", signingKeys.getPublic(), SignatureAlgorithm.ED25519)
            .build();

    assertThat(guard.actionsEnabled()).isTrue();
  }

  @Test
  void enabledWithoutClientAuthNamesClientCaBundle() {
    RequestGuard.Builder builder =
        RequestGuard.builder(Clock.systemUTC())
            .actions(ActionsMode.ENABLED)
            .tls(material(false))
            .trustKey("core-1", signingKeys.getPublic(), SignatureAlgorithm.ED25519);

    assertThatThrownBy(builder::build)
        .isInstanceOfSatisfying(
            ConfigException.class, e -> assertThat(e.key()).isEqualTo("tls.client_ca_bundle"));
  }

  @Test
  void certificateDnsNameAccepted() {
    Clock clock = Clock.systemUTC();
    RequestGuard guard =
        RequestGuard.builder(clock)
            .actions(ActionsMode.ENABLED)
            .tls(material(true))
            .trustKey("core-1", signingKeys.getPublic(), SignatureAlgorithm.ED25519)
            .build();
    RequestSigner signer = RequestSigner.create("core-1", signingKeys.getPrivate(), clock);
    OutboundRequest request =
        new OutboundRequest(
            AgentOperation.ACTION_SCHEDULE,
            "POST",
            "agent-1.test:8443",
            "/api/unstable/action",
            "?",
            "application/json",
            "{\"kind\":\"restart\"}".getBytes(StandardCharsets.UTF_8));
    InboundRequest inbound =
        InboundBuilder.of(request, signer.sign(request), core.certificate(), LOCAL).build();

    assertThatCode(() -> guard.check(inbound)).doesNotThrowAnyException();
  }
}
