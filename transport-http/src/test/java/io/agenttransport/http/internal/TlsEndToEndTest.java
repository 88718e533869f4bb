package io.agenttransport.http.internal;

import static io.agenttransport.http.internal.Futures.failure;
import static io.agenttransport.http.internal.Futures.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.agenttransport.agent.ReferenceAgent;
import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentChannel;
import io.agenttransport.api.AgentErrorException;
import io.agenttransport.api.AgentUnreachableException;
import io.agenttransport.api.CallEvent;
import io.agenttransport.api.CallListener;
import io.agenttransport.api.ConflictException;
import io.agenttransport.api.NotFoundException;
import io.agenttransport.api.RejectionReason;
import io.agenttransport.api.RequestRejectedException;
import io.agenttransport.config.ClientSettings;
import io.agenttransport.config.ConnectionMode;
import io.agenttransport.config.ServerSettings;
import io.agenttransport.model.ActionList;
import io.agenttransport.model.ActionPhase;
import io.agenttransport.model.ActionRecord;
import io.agenttransport.model.ActionScheduleRequest;
import io.agenttransport.model.ActionScheduleResponse;
import io.agenttransport.model.ActionSummary;
import io.agenttransport.model.JsonValue;
import io.agenttransport.model.NodeInfo;
import io.agenttransport.model.ShardList;
import io.agenttransport.model.StoreInfo;
import io.agenttransport.security.RequestGuard;
import io.agenttransport.security.signature.SignatureAlgorithm;
import io.agenttransport.security.tls.ServerTlsMaterial;
import io.agenttransport.spi.ClientTransport;
import io.agenttransport.spi.ServerContext;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Core and an agent over mutual TLS with signed actions, on loopback. */
class TlsEndToEndTest {
  private final TlsSetup tls = new TlsSetup();
  private final ReferenceAgent agent = ReferenceAgent.create("node-1");
  private final RecordingListener serverEvents = new RecordingListener();
  private final RecordingListener clientEvents = new RecordingListener();
  private JettyAgentServer server;
  private ClientTransport client;

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
    agent.close();
  }

  private AgentChannel connect(ClientSettings settings) {
    if (server == null) {
      server = tls.startServer(agent, ServerSettings.DEFAULTS, serverEvents);
    }
    client = tls.client(settings, clientEvents);
    return client.open(server.boundAddress());
  }

  @Test
  void everyOperationOverMutualTls() throws Exception {
    AgentChannel channel = connect(ClientSettings.DEFAULTS);
    ActionScheduleRequest request =
        ActionScheduleRequest.create("agent.replicante.io/test.loop", JsonValue.parse("{}"));

    NodeInfo node = value(channel.nodeInfo());
    StoreInfo store = value(channel.storeInfo());
    ShardList shards = value(channel.shards());
    ActionScheduleResponse scheduled = value(channel.scheduleAction(request));
    ActionRecord record = value(channel.actionLookup(request.id()));
    ActionList queue = value(channel.actionQueue());
    ActionList finished = value(channel.actionsFinished());

    assertThat(server.boundAddress().scheme()).isEqualTo("https");
    assertThat(server.actionsEnabled()).isTrue();
    assertThat(node).isEqualTo(agent.nodeInfo());
    assertThat(store).isEqualTo(agent.storeInfo());
    assertThat(shards.shards()).hasSize(2);
    assertThat(scheduled.id()).isEqualTo(request.id());
    assertThat(record.id()).isEqualTo(request.id());
    assertThat(record.kind()).isEqualTo("agent.replicante.io/test.loop");
    assertThat(queue.actions()).extracting(ActionSummary::id).containsExactly(request.id());
    assertThat(finished.actions()).isEmpty();
    assertThat(clientEvents.events()).hasSize(7).allMatch(CallEvent::succeeded);
    assertThat(serverEvents.awaitEvents(7)).hasSize(7).allMatch(CallEvent::succeeded);
  }

  @Test
  void signedActionRunsAndIsLookedUp() throws Exception {
    AgentChannel channel = connect(ClientSettings.DEFAULTS);
    ActionScheduleRequest request =
        ActionScheduleRequest.create("agent.replicante.io/test.success", JsonValue.parse("{}"));

    value(channel.scheduleAction(request));
    ActionRecord record = awaitPhase(channel, request.id(), ActionPhase.DONE);

    assertThat(record.kind()).isEqualTo(request.kind());
    assertThat(value(channel.actionsFinished()).actions())
        .extracting(ActionSummary::id)
        .contains(request.id());
  }

  @Test
  void repeatedScheduleIsConflict() throws Exception {
    AgentChannel channel = connect(ClientSettings.DEFAULTS);
    ActionScheduleRequest request =
        ActionScheduleRequest.create("agent.replicante.io/test.loop", JsonValue.parse("{}"));
    value(channel.scheduleAction(request));

    ConflictException error = failure(channel.scheduleAction(request), ConflictException.class);

    assertThat(error.status()).isEqualTo(409);
    assertThat(error.body()).isNotNull();
    assertThat(value(channel.actionQueue()).actions()).hasSize(1);
  }

  @Test
  void unknownKindIsBadRequest() throws Exception {
    AgentChannel channel = connect(ClientSettings.DEFAULTS);
    ActionScheduleRequest request =
        ActionScheduleRequest.create("agent.replicante.io/does.not.exist", JsonValue.parse("{}"));

    AgentErrorException error = failure(channel.scheduleAction(request), AgentErrorException.class);

    assertThat(error.status()).isEqualTo(400);
    assertThat(error.body().message()).contains("does.not.exist");
  }

  @Test
  void unknownActionIdIsNotFound() throws Exception {
    AgentChannel channel = connect(ClientSettings.DEFAULTS);

    NotFoundException error =
        failure(channel.actionLookup(UUID.randomUUID()), NotFoundException.class);

    assertThat(error.status()).isEqualTo(404);
  }

  @Test
  void agentRequiringSignedReadsRejectsUnsigned() throws Exception {
    ServerSettings settings = ServerSettings.DEFAULTS;
    ServerTlsMaterial material = tls.serverMaterial(settings);
    RequestGuard guard =
        RequestGuard.builder(Clock.systemUTC())
            .tls(material)
            .trustKey(
                TlsSetup.KEY_ID,
                tls.coreCert.keyPair().getPublic(),
                SignatureAlgorithm.ECDSA_P256_SHA256)
            .requireAllSigned(true)
            .build();
    server =
        JettyAgentServer.start(
            new ServerContext(settings, material, guard, Map.of(), Clock.systemUTC(), serverEvents),
            agent);
    AgentChannel unsigned = connect(ClientSettings.DEFAULTS);
    ClientTransport signingClient =
        tls.client(ClientSettings.builder().signAllRequests(true).build(), CallListener.NONE);

    RequestRejectedException error = failure(unsigned.nodeInfo(), RequestRejectedException.class);
    NodeInfo node = value(signingClient.open(server.boundAddress()).nodeInfo());
    signingClient.close();

    assertThat(error.reason()).isEqualTo(RejectionReason.SIGNATURE_MISSING);
    assertThat(node.nodeId()).isEqualTo("node-1");
    assertThat(serverEvents.events())
        .extracting(CallEvent::rejection)
        .containsExactly(RejectionReason.SIGNATURE_MISSING, null);
  }

  @Test
  void scheduleWithoutSignerIsNotSent() throws Exception {
    server = tls.startServer(agent, ServerSettings.DEFAULTS, serverEvents);
    client =
        TlsSetup.client(
            tls.clientMaterial(ClientSettings.DEFAULTS),
            null,
            ClientSettings.DEFAULTS,
            clientEvents);
    AgentChannel channel = client.open(server.boundAddress());
    ActionScheduleRequest request =
        ActionScheduleRequest.create("agent.replicante.io/test.success", JsonValue.parse("{}"));

    RequestRejectedException error =
        failure(channel.scheduleAction(request), RequestRejectedException.class);

    assertThat(error.reason()).isEqualTo(RejectionReason.SIGNING_KEY_MISSING);
    assertThat(error).hasMessageContaining("signing.key_id");
    assertThat(server.acceptedConnections()).isZero();
  }

  @Test
  void burstModeSharesOneConnection() throws Exception {
    AgentChannel channel =
        connect(ClientSettings.builder().burstIdle(Duration.ofSeconds(5)).build());

    syncReads(channel);

    assertThat(server.acceptedConnections()).isEqualTo(1);
  }

  @Test
  void burstModeClosesIdleConnection() throws Exception {
    AgentChannel channel =
        connect(ClientSettings.builder().burstIdle(Duration.ofMillis(100)).build());
    value(channel.nodeInfo());

    awaitPoolEmpty();
    value(channel.nodeInfo());

    assertThat(server.acceptedConnections()).isEqualTo(2);
  }

  @Test
  void pooledModeKeepsConnection() throws Exception {
    AgentChannel channel =
        connect(
            ClientSettings.builder()
                .connectionMode(ConnectionMode.POOLED)
                .burstIdle(Duration.ofMillis(1))
                .build());
    value(channel.nodeInfo());

    Thread.sleep(300);
    value(channel.nodeInfo());

    assertThat(server.acceptedConnections()).isEqualTo(1);
    assertThat(((HttpClientTransport) client).pooledConnectionCount()).isEqualTo(1);
  }

  @Test
  void perCallModeOpensConnectionPerCall() throws Exception {
    AgentChannel channel =
        connect(ClientSettings.builder().connectionMode(ConnectionMode.PER_CALL).build());

    syncReads(channel);

    assertThat(server.acceptedConnections()).isEqualTo(3);
  }

  @Test
  void silentTlsAgentIsUnreachable() throws Exception {
    client =
        tls.client(
            ClientSettings.builder().handshakeTimeout(Duration.ofMillis(300)).build(),
            clientEvents);
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      AgentChannel channel =
          client.open(new AgentAddress("https", "127.0.0.1", silent.getLocalPort()));

      AgentUnreachableException error =
          failure(channel.nodeInfo(), AgentUnreachableException.class);

      assertThat(error).hasMessageContaining("handshake");
      assertThat(clientEvents.events())
          .extracting(CallEvent::outcome)
          .containsExactly("unreachable");
    }
  }

  @Test
  void missingClientHelloIsCutOff() throws Exception {
    ServerSettings settings =
        ServerSettings.builder().handshakeTimeout(Duration.ofMillis(300)).build();
    server = tls.startServer(agent, settings, CallListener.NONE);

    try (Socket socket =
        new Socket(InetAddress.getLoopbackAddress(), server.boundAddress().port())) {
      socket.setSoTimeout(10_000);
      long start = System.nanoTime();

      int read = socket.getInputStream().read();

      assertThat(read).isEqualTo(-1);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }

  private static ActionRecord awaitPhase(AgentChannel channel, UUID id, ActionPhase phase)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    ActionRecord record = value(channel.actionLookup(id));
    while (record.state().phase() != phase && System.nanoTime() < deadline) {
      Thread.sleep(20);
      record = value(channel.actionLookup(id));
    }
    assertThat(record.state().phase()).isEqualTo(phase);
    return record;
  }

  /** Makes the three reads of one sync one after the other. */
  private static void syncReads(AgentChannel channel) throws Exception {
    value(channel.nodeInfo());
    value(channel.storeInfo());
    value(channel.shards());
  }

  private void awaitPoolEmpty() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (((HttpClientTransport) client).pooledConnectionCount() > 0
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(((HttpClientTransport) client).pooledConnectionCount()).isZero();
  }
}
