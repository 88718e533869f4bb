package io.agenttransport.http.internal;

import static io.agenttransport.http.internal.Futures.failure;
import static io.agenttransport.http.internal.Futures.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agenttransport.agent.ReferenceAgent;
import io.agenttransport.api.AgentChannel;
import io.agenttransport.api.AuthenticationFailedException;
import io.agenttransport.api.CallListener;
import io.agenttransport.api.TransportException;
import io.agenttransport.config.ClientSettings;
import io.agenttransport.config.ServerSettings;
import io.agenttransport.model.NodeInfo;
import io.agenttransport.security.tls.ClientTlsMaterial;
import io.agenttransport.security.tls.ServerTlsMaterial;
import io.agenttransport.spi.ClientTransport;
import io.agenttransport.spi.ServerContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The TLS identity checks on both ends of the link (mutual TLS, CA trust, the agent's address and
 * core's pinned identity), each shown by a connection that must fail.
 */
class TlsIdentityTest {
  private static final String NODE_REQUEST =
      "GET /api/unstable/info/node HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";

  private final TlsSetup tls = new TlsSetup();
  private final ReferenceAgent agent = ReferenceAgent.create("node-1");
  private final RecordingListener serverEvents = new RecordingListener();
  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable resource : resources) {
      resource.close();
    }
    agent.close();
  }

  private JettyAgentServer server(TestPki.Issued agentCert) {
    ServerTlsMaterial material = tls.serverMaterial(agentCert, ServerSettings.DEFAULTS);
    JettyAgentServer server =
        JettyAgentServer.start(
            new ServerContext(
                ServerSettings.DEFAULTS,
                material,
                tls.guard(material),
                Map.of(),
                Clock.systemUTC(),
                serverEvents),
            agent);
    resources.add(server);
    return server;
  }

  private AgentChannel channel(ClientTlsMaterial material, JettyAgentServer server) {
    ClientTransport client =
        TlsSetup.client(material, tls.signer(), ClientSettings.DEFAULTS, CallListener.NONE);
    resources.add(client);
    return client.open(server.boundAddress());
  }

  private AgentChannel channelAs(TestPki.Issued clientCert, JettyAgentServer server) {
    return channel(tls.clientMaterial(clientCert, ClientSettings.DEFAULTS), server);
  }

  @Test
  void validCertificatesAreAccepted() throws Exception {
    JettyAgentServer server = server(tls.agentCert);

    NodeInfo node = value(channelAs(tls.coreCert, server).nodeInfo());

    assertThat(node.nodeId()).isEqualTo("node-1");
  }

  @Test
  void missingClientCertificateFailsHandshake() throws Exception {
    JettyAgentServer server = server(tls.agentCert);
    ClientTlsMaterial trusting = tls.clientMaterial(ClientSettings.DEFAULTS);
    SSLContext withoutKey = SSLContext.getInstance("TLSv1.3");
    withoutKey.init(null, new TrustManager[] {trusting.trustManager()}, new SecureRandom());

    assertThatThrownBy(
            () -> RawTlsClient.exchange(withoutKey, server.boundAddress().port(), NODE_REQUEST))
        .isInstanceOf(IOException.class);
    assertThat(serverEvents.events()).isEmpty();
  }

  @Test
  void clientFromUnknownCaIsRejected() throws Exception {
    JettyAgentServer server = server(tls.agentCert);
    TestPki.Issued stranger = TestPki.authority("Other CA").core(TlsSetup.CORE_URI);

    failure(channelAs(stranger, server).nodeInfo(), AuthenticationFailedException.class);

    assertThat(serverEvents.events()).isEmpty();
  }

  @Test
  void otherClientOfSameCaIsRejected() throws Exception {
    JettyAgentServer server = server(tls.agentCert);
    TestPki.Issued otherAgent = tls.ca.core("spiffe://agent-transport.test/agent-7");

    failure(channelAs(otherAgent, server).nodeInfo(), AuthenticationFailedException.class);

    assertThat(serverEvents.events()).isEmpty();
  }

  @Test
  void agentCertificateAsClientIsRejected() throws Exception {
    JettyAgentServer server = server(tls.agentCert);
    TestPki.Issued serverOnly =
        tls.ca.issue(new TestPki.Request("core").uriSan(TlsSetup.CORE_URI).serverAuth());

    failure(channelAs(serverOnly, server).nodeInfo(), AuthenticationFailedException.class);

    assertThat(serverEvents.events()).isEmpty();
  }

  @Test
  void agentFromUnknownCaIsRejected() throws Exception {
    JettyAgentServer server = server(TestPki.authority("Other CA").agent("127.0.0.1"));

    AuthenticationFailedException error =
        failure(channelAs(tls.coreCert, server).nodeInfo(), AuthenticationFailedException.class);

    assertThat(error).hasMessageContaining("tls.ca_bundle");
    assertThat(serverEvents.events()).isEmpty();
  }

  @Test
  void agentForOtherAddressIsRejected() throws Exception {
    JettyAgentServer server = server(tls.ca.agent("127.0.0.2"));

    failure(channelAs(tls.coreCert, server).nodeInfo(), AuthenticationFailedException.class);

    assertThat(serverEvents.events()).isEmpty();
  }

  @Test
  void agentNamedOnlyInCommonNameIsRejected() throws Exception {
    JettyAgentServer server = server(tls.ca.issue(new TestPki.Request("127.0.0.1").serverAuth()));

    failure(channelAs(tls.coreCert, server).nodeInfo(), AuthenticationFailedException.class);

    assertThat(serverEvents.events()).isEmpty();
  }

  @Test
  void bundleOfTwoCasTrustsBothOnly() throws Exception {
    TestPki.Authority second = TestPki.authority("Second CA");
    TestPki.Authority third = TestPki.authority("Third CA");
    ClientTlsMaterial bundle =
        ClientTlsMaterial.of(
            tls.coreCert.keyPair().getPrivate(),
            tls.coreCert.chain(),
            List.of(tls.ca.certificate(), second.certificate()),
            ClientSettings.DEFAULTS);
    JettyAgentServer first = server(tls.agentCert);
    JettyAgentServer fromSecond = server(second.agent("127.0.0.1"));
    JettyAgentServer fromThird = server(third.agent("127.0.0.1"));

    NodeInfo firstNode = value(channel(bundle, first).nodeInfo());
    NodeInfo secondNode = value(channel(bundle, fromSecond).nodeInfo());
    TransportException thirdError =
        failure(channel(bundle, fromThird).nodeInfo(), AuthenticationFailedException.class);

    assertThat(firstNode.nodeId()).isEqualTo("node-1");
    assertThat(secondNode.nodeId()).isEqualTo("node-1");
    assertThat(thirdError.agent()).isEqualTo(fromThird.boundAddress());
  }

  @Test
  void tls12OnlyPeerFailsHandshake() throws Exception {
    JettyAgentServer server = server(tls.agentCert);
    SSLContext context = tls.clientMaterial(ClientSettings.DEFAULTS).sslContext();

    assertThatThrownBy(
            () ->
                RawTlsClient.exchange(
                    context,
                    server.boundAddress().port(),
                    NODE_REQUEST,
                    socket -> socket.setEnabledProtocols(new String[] {"TLSv1.2"})))
        .isInstanceOf(IOException.class);
    assertThat(serverEvents.events()).isEmpty();
  }

  @Test
  void weakCipherSuiteFailsHandshake() throws Exception {
    ServerSettings settings =
        ServerSettings.builder().tlsVersions(List.of("TLSv1.3", "TLSv1.2")).build();
    ServerTlsMaterial material = tls.serverMaterial(settings);
    JettyAgentServer server =
        JettyAgentServer.start(
            new ServerContext(
                settings, material, tls.guard(material), Map.of(), Clock.systemUTC(), serverEvents),
            agent);
    resources.add(server);
    ClientTlsMaterial client =
        tls.clientMaterial(
            ClientSettings.builder().tlsVersions(List.of("TLSv1.3", "TLSv1.2")).build());

    assertThatThrownBy(
            () ->
                RawTlsClient.exchange(
                    client.sslContext(),
                    server.boundAddress().port(),
                    NODE_REQUEST,
                    socket -> {
                      socket.setEnabledProtocols(new String[] {"TLSv1.2"});
                      socket.setEnabledCipherSuites(
                          new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"});
                    }))
        .isInstanceOf(IOException.class);
    assertThat(serverEvents.events()).isEmpty();
  }

  @Test
  void leafAsIssuerIsRejected() throws Exception {
    TestPki.Issued leaf = tls.ca.issue(new TestPki.Request("not a CA").serverAuth());
    JettyAgentServer server = server(TestPki.issuedBy(leaf).agent("127.0.0.1"));

    failure(channelAs(tls.coreCert, server).nodeInfo(), AuthenticationFailedException.class);

    assertThat(serverEvents.events()).isEmpty();
  }

  @Test
  void clientRenegotiationIsRefused() throws Exception {
    ServerSettings settings =
        ServerSettings.builder().tlsVersions(List.of("TLSv1.3", "TLSv1.2")).build();
    ServerTlsMaterial material = tls.serverMaterial(settings);
    JettyAgentServer server =
        JettyAgentServer.start(
            new ServerContext(
                settings, material, tls.guard(material), Map.of(), Clock.systemUTC(), serverEvents),
            agent);
    resources.add(server);
    SSLContext context =
        tls.clientMaterial(ClientSettings.builder().tlsVersions(List.of("TLSv1.2")).build())
            .sslContext();

    String withoutRenegotiation =
        RawTlsClient.exchange(
            context,
            server.boundAddress().port(),
            NODE_REQUEST,
            socket -> socket.setEnabledProtocols(new String[] {"TLSv1.2"}));
    String response;
    try (SSLSocket socket =
        (SSLSocket)
            context.getSocketFactory().createSocket("127.0.0.1", server.boundAddress().port())) {
      socket.setSoTimeout(20_000);
      socket.setEnabledProtocols(new String[] {"TLSv1.2"});
      socket.startHandshake();
      socket.startHandshake();
      socket.getOutputStream().write(NODE_REQUEST.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      response = RawHttpClient.readAll(socket.getInputStream());
    } catch (IOException e) {
      response = "";
    }

    assertThat(RawHttpClient.status(withoutRenegotiation)).isEqualTo(200);
    assertThat(response).doesNotContain("200");
    assertThat(serverEvents.awaitEvents(1)).hasSize(1);
  }
}
