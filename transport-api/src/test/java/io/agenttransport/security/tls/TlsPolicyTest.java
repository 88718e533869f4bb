package io.agenttransport.security.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agenttransport.config.ClientSettings;
import io.agenttransport.config.ConfigException;
import io.agenttransport.config.PeerIdentity;
import io.agenttransport.config.ServerSettings;
import io.agenttransport.security.tls.LoopbackTls.Outcome;
import io.agenttransport.testing.TestPki;
import io.agenttransport.testing.TestPki.Issued;
import io.agenttransport.testing.TestPki.KeyType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TLS versions, cipher suites and renegotiation, checked over loopback sockets. */
class TlsPolicyTest {
  private static final String HOST = "127.0.0.1";
  private static final PeerIdentity CORE = PeerIdentity.parse("URI:spiffe://example/core");
  private static final List<String> BOTH_VERSIONS = List.of("TLSv1.3", "TLSv1.2");

  private static Issued ca;
  private static Issued rsaAgent;
  private static Issued core;

  @BeforeAll
  static void createPki() {
    ca = TestPki.rootCa("Test CA").build();
    rsaAgent =
        TestPki.certificate("agent-1")
            .issuer(ca)
            .keyType(KeyType.RSA)
            .ip(HOST)
            .serverAuth()
            .build();
    core = TestPki.certificate("core").issuer(ca).uri(CORE.value()).clientAuth().build();
  }

  @Test
  void defaultIsTls13Only() {
    TlsPolicy policy = TlsPolicy.of(ServerSettings.DEFAULTS.tlsVersions());

    assertThat(policy.protocols()).containsExactly("TLSv1.3");
    assertThat(policy.cipherSuites())
        .allMatch(suite -> suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_"));
  }

  @Test
  void tls12SuitesAreEcdheAead() {
    TlsPolicy policy = TlsPolicy.of(BOTH_VERSIONS);

    assertThat(policy.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
    assertThat(policy.cipherSuites()).contains("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    assertThat(policy.cipherSuites()).noneMatch(suite -> suite.contains("CBC"));
    assertThat(policy.cipherSuites()).noneMatch(suite -> suite.startsWith("TLS_RSA_"));
  }

  @Test
  void olderVersionInvalid() {
    assertThatThrownBy(() -> TlsPolicy.of(List.of("TLSv1.3", "TLSv1.1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unsupported TLS version 'TLSv1.1'");
  }

  @Test
  void emptyVersionListInvalid() {
    assertThatThrownBy(() -> TlsPolicy.of(List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("the list is empty");
  }

  @Test
  void tls12AcceptedWhenConfigured() throws Exception {
    SSLContext client = clientContext(BOTH_VERSIONS);

    Outcome outcome =
        LoopbackTls.connect(
            serverContext(BOTH_VERSIONS),
            socket -> {},
            client,
            socket -> socket.setEnabledProtocols(new String[] {"TLSv1.2"}),
            HOST);

    assertThat(outcome.succeeded()).isTrue();
  }

  @Test
  void tls12PeerRejectedByDefault() throws Exception {
    SSLContext client = clientContext(BOTH_VERSIONS);

    Outcome outcome =
        LoopbackTls.connect(
            serverContext(List.of("TLSv1.3")),
            socket -> {},
            client,
            socket -> socket.setEnabledProtocols(new String[] {"TLSv1.2"}),
            HOST);

    assertThat(outcome.serverError()).isNotNull();
    assertThat(outcome.serverReceived()).isZero();
  }

  // NOTE: JDK 17 also disables TLS 1.0 and 1.1 in jdk.tls.disabledAlgorithms, so this test passes
  // without the policy too. It guards against a JDK or a setting that enables them again.
  @Test
  void tls10And11PeerRejected() throws Exception {
    SSLContext client = LoopbackTls.jdkContext(core, List.of(ca.certificate()));

    Outcome outcome =
        LoopbackTls.connect(
            serverContext(BOTH_VERSIONS),
            socket -> {},
            client,
            socket -> socket.setEnabledProtocols(new String[] {"TLSv1.1", "TLSv1"}),
            HOST);

    assertThat(outcome.clientError()).isNotNull();
    assertThat(outcome.serverError()).isNotNull();
    assertThat(outcome.serverReceived()).isZero();
  }

  @Test
  void weakCipherPeerRejected() throws Exception {
    SSLContext client = LoopbackTls.jdkContext(core, List.of(ca.certificate()));
    String[] weak = {
      "TLS_RSA_WITH_AES_128_GCM_SHA256",
      "TLS_RSA_WITH_AES_256_CBC_SHA256",
      "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
      "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"
    };

    Outcome outcome =
        LoopbackTls.connect(
            serverContext(BOTH_VERSIONS),
            socket -> {},
            client,
            socket -> {
              socket.setEnabledProtocols(new String[] {"TLSv1.2"});
              socket.setEnabledCipherSuites(weak);
            },
            HOST);

    assertThat(outcome.serverError()).hasStackTraceContaining("no cipher suites in common");
    assertThat(outcome.serverReceived()).isZero();
  }

  @Test
  void weakCipherAcceptedWithoutPolicy() throws Exception {
    SSLContext server = LoopbackTls.jdkContext(rsaAgent, List.of(ca.certificate()));
    SSLContext client = LoopbackTls.jdkContext(core, List.of(ca.certificate()));

    Outcome outcome =
        LoopbackTls.connect(
            server,
            socket -> {},
            client,
            socket -> {
              socket.setEnabledProtocols(new String[] {"TLSv1.2"});
              socket.setEnabledCipherSuites(new String[] {"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"});
            },
            HOST);

    // This peer succeeds against a plain JDK server, so weakCipherPeerRejected tests the policy.
    assertThat(outcome.succeeded()).isTrue();
  }

  @Test
  void clientRenegotiationRejected() throws Exception {
    SSLContext server = serverContext(BOTH_VERSIONS);
    SSLContext client = clientContext(BOTH_VERSIONS);
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try (SSLServerSocket serverSocket =
        (SSLServerSocket)
            server
                .getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Future<ServerLog> serverLog = executor.submit(() -> echoUntilClosed(serverSocket));
      try (SSLSocket socket =
          (SSLSocket) client.getSocketFactory().createSocket(HOST, serverSocket.getLocalPort())) {
        socket.setSoTimeout(20_000);
        socket.setEnabledProtocols(new String[] {"TLSv1.2"});
        OutputStream output = socket.getOutputStream();
        InputStream input = socket.getInputStream();
        output.write(1);
        assertThat(input.read()).isEqualTo(1);

        socket.startHandshake();
        output.write(2);

        assertThatThrownBy(input::read)
            .isInstanceOf(IOException.class)
            .hasMessageContaining("handshake_failure");
      }
      ServerLog log = serverLog.get(20, TimeUnit.SECONDS);
      assertThat(log.echoed()).isEqualTo(1);
      assertThat(log.error()).hasMessageContaining("renegotiation is not allowed");
    } finally {
      executor.shutdownNow();
    }
  }

  /** The bytes a server echoed, and the error that ended its connection. */
  private record ServerLog(int echoed, @Nullable IOException error) {}

  private static ServerLog echoUntilClosed(SSLServerSocket serverSocket) throws IOException {
    int count = 0;
    try (SSLSocket socket = (SSLSocket) serverSocket.accept()) {
      socket.setSoTimeout(20_000);
      for (int value = socket.getInputStream().read();
          value >= 0;
          value = socket.getInputStream().read()) {
        socket.getOutputStream().write(value);
        socket.getOutputStream().flush();
        count++;
      }
    } catch (IOException e) {
      return new ServerLog(count, e);
    }
    return new ServerLog(count, null);
  }

  private static SSLContext serverContext(List<String> versions) {
    return ServerTlsMaterial.of(
            rsaAgent.privateKey(),
            rsaAgent.chain(),
            List.of(ca.certificate()),
            List.of(CORE),
            ServerSettings.builder().tlsVersions(versions).build())
        .sslContext();
  }

  private static SSLContext clientContext(List<String> versions) {
    return ClientTlsMaterial.of(
            core.privateKey(),
            core.chain(),
            List.of(ca.certificate()),
            ClientSettings.builder().tlsVersions(versions).build())
        .sslContext();
  }
}
