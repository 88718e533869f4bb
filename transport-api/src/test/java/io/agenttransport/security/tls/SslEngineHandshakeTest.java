package io.agenttransport.security.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agenttransport.config.ClientSettings;
import io.agenttransport.config.PeerIdentity;
import io.agenttransport.config.ServerSettings;
import io.agenttransport.testing.TestPki;
import io.agenttransport.testing.TestPki.Issued;
import java.nio.ByteBuffer;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Handshakes between two {@link SSLEngine}s in memory, the path that engine-based transports such
 * as Netty and Jetty take, where the trust managers read the peer host from the engine.
 */
class SslEngineHandshakeTest {
  private static final String HOST = "127.0.0.1";
  private static final PeerIdentity CORE = PeerIdentity.parse("URI:spiffe://example/core");
  private static final int MAX_STEPS = 200;

  private static Issued ca;
  private static ClientTlsMaterial client;

  @BeforeAll
  static void createPki() {
    ca = TestPki.rootCa("Test CA").build();
    Issued core = TestPki.certificate("core").issuer(ca).uri(CORE.value()).clientAuth().build();
    client =
        ClientTlsMaterial.of(
            core.privateKey(), core.chain(), List.of(ca.certificate()), ClientSettings.DEFAULTS);
  }

  @Test
  void engineHandshakeWithPeerHost() throws Exception {
    SSLEngine server = serverEngine(TestPki.certificate("agent-1").issuer(ca).ip(HOST));
    SSLEngine clientEngine = client.sslContext().createSSLEngine(HOST, 9443);
    clientEngine.setUseClientMode(true);

    handshake(clientEngine, server);

    assertThat(clientEngine.getSession().getProtocol()).isEqualTo("TLSv1.3");
    assertThat(server.getSession().getPeerCertificates()).hasSize(1);
  }

  @Test
  void engineSanMismatchRejected() throws Exception {
    SSLEngine server = serverEngine(TestPki.certificate("agent-2").issuer(ca).ip("192.0.2.2"));
    SSLEngine clientEngine = client.sslContext().createSSLEngine(HOST, 9443);
    clientEngine.setUseClientMode(true);

    assertThatThrownBy(() -> handshake(clientEngine, server))
        .isInstanceOf(SSLException.class)
        .hasStackTraceContaining("no DNS or IP subject alternative name matches");
  }

  @Test
  void engineWithoutPeerHostFailsClosed() throws Exception {
    SSLEngine server = serverEngine(TestPki.certificate("agent-1").issuer(ca).ip(HOST));
    SSLEngine clientEngine = client.sslContext().createSSLEngine();
    clientEngine.setUseClientMode(true);

    assertThatThrownBy(() -> handshake(clientEngine, server))
        .isInstanceOf(SSLException.class)
        .hasStackTraceContaining("the connection has no peer host");
  }

  private static SSLEngine serverEngine(TestPki.Builder certificate) {
    Issued agent = certificate.serverAuth().build();
    ServerTlsMaterial material =
        ServerTlsMaterial.of(
            agent.privateKey(),
            agent.chain(),
            List.of(ca.certificate()),
            List.of(CORE),
            ServerSettings.DEFAULTS);
    SSLEngine engine = material.sslContext().createSSLEngine();
    engine.setUseClientMode(false);
    return engine;
  }

  /** Drives both engines until each finishes its handshake, passing records in memory. */
  private static void handshake(SSLEngine clientEngine, SSLEngine serverEngine)
      throws SSLException {
    int packetSize = clientEngine.getSession().getPacketBufferSize();
    ByteBuffer clientToServer = ByteBuffer.allocate(packetSize * 4);
    ByteBuffer serverToClient = ByteBuffer.allocate(packetSize * 4);
    ByteBuffer empty = ByteBuffer.allocate(0);
    ByteBuffer sink = ByteBuffer.allocate(clientEngine.getSession().getApplicationBufferSize() * 4);
    clientEngine.beginHandshake();
    serverEngine.beginHandshake();
    for (int step = 0; step < MAX_STEPS; step++) {
      if (finished(clientEngine) && finished(serverEngine)) {
        return;
      }
      advance(clientEngine, serverToClient, clientToServer, empty, sink);
      advance(serverEngine, clientToServer, serverToClient, empty, sink);
    }
    throw new IllegalStateException("the handshake did not finish in " + MAX_STEPS + " steps");
  }

  private static boolean finished(SSLEngine engine) {
    HandshakeStatus status = engine.getHandshakeStatus();
    return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
  }

  private static void advance(
      SSLEngine engine, ByteBuffer inbound, ByteBuffer outbound, ByteBuffer empty, ByteBuffer sink)
      throws SSLException {
    switch (engine.getHandshakeStatus()) {
      case NEED_WRAP -> engine.wrap(empty, outbound);
      case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
        inbound.flip();
        engine.unwrap(inbound, sink);
        inbound.compact();
        sink.clear();
      }
      case NEED_TASK -> {
        for (Runnable task = engine.getDelegatedTask(); task != null; ) {
          task.run();
          task = engine.getDelegatedTask();
        }
      }
      default -> {
        // Finished or not handshaking: nothing to do for this engine.
      }
    }
  }
}
