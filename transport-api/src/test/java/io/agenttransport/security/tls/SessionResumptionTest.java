package io.agenttransport.security.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.agenttransport.config.ClientSettings;
import io.agenttransport.config.PeerIdentity;
import io.agenttransport.config.ServerSettings;
import io.agenttransport.security.tls.LoopbackTls.Outcome;
import io.agenttransport.testing.TestPki;
import io.agenttransport.testing.TestPki.Issued;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Session resumption on core's side, measured by counting full handshakes at the agent: the agent
 * checks core's certificate on a full handshake only, never on a resumed one.
 */
class SessionResumptionTest {
  private static final String HOST = "127.0.0.1";
  private static final int CONNECTIONS = 3;
  private static final PeerIdentity CORE = PeerIdentity.parse("URI:spiffe://example/core");

  private static Issued ca;
  private static Issued agent;
  private static Issued core;

  @BeforeAll
  static void createPki() {
    ca = TestPki.rootCa("Test CA").build();
    agent = TestPki.certificate("agent-1").issuer(ca).ip(HOST).serverAuth().build();
    core = TestPki.certificate("core").issuer(ca).uri(CORE.value()).clientAuth().build();
  }

  @Test
  void resumptionOnSkipsFullHandshakes() throws Exception {
    AtomicInteger fullHandshakes = new AtomicInteger();

    List<Outcome> outcomes =
        LoopbackTls.connectRepeatedly(
            countingAgent(fullHandshakes),
            socket -> socket.setNeedClientAuth(true),
            coreContext(true),
            HOST,
            CONNECTIONS);

    assertThat(outcomes).allMatch(Outcome::succeeded);
    assertThat(fullHandshakes).hasValue(1);
  }

  @Test
  void resumptionOffMakesEveryHandshakeFull() throws Exception {
    AtomicInteger fullHandshakes = new AtomicInteger();

    List<Outcome> outcomes =
        LoopbackTls.connectRepeatedly(
            countingAgent(fullHandshakes),
            socket -> socket.setNeedClientAuth(true),
            coreContext(false),
            HOST,
            CONNECTIONS);

    assertThat(outcomes).allMatch(Outcome::succeeded);
    assertThat(fullHandshakes).hasValue(CONNECTIONS);
  }

  private static SSLContext coreContext(boolean resumption) {
    ClientSettings settings = ClientSettings.builder().sessionResumption(resumption).build();
    return ClientTlsMaterial.of(
            core.privateKey(), core.chain(), List.of(ca.certificate()), settings)
        .sslContext();
  }

  private static SSLContext countingAgent(AtomicInteger fullHandshakes) throws Exception {
    ServerTlsMaterial material =
        ServerTlsMaterial.of(
            agent.privateKey(),
            agent.chain(),
            List.of(ca.certificate()),
            List.of(CORE),
            ServerSettings.DEFAULTS);
    X509ExtendedTrustManager counting =
        new CountingTrustManager(Objects.requireNonNull(material.trustManager()), fullHandshakes);
    return LoopbackTls.jdkContext(material.keyManager(), counting);
  }

  /** Counts client certificate checks, each of which is one full handshake. */
  private static final class CountingTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager delegate;
    private final AtomicInteger checks;

    CountingTrustManager(X509ExtendedTrustManager delegate, AtomicInteger checks) {
      this.delegate = delegate;
      this.checks = checks;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      checks.incrementAndGet();
      delegate.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      checks.incrementAndGet();
      delegate.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      checks.incrementAndGet();
      delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      delegate.checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      delegate.checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return delegate.getAcceptedIssuers();
    }
  }
}
