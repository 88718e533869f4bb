package io.agenttransport.http.internal;

import static io.agenttransport.http.internal.Futures.failure;
import static io.agenttransport.http.internal.Futures.value;
import static io.agenttransport.http.internal.RawHttpServer.jsonResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentChannel;
import io.agenttransport.api.AgentErrorException;
import io.agenttransport.api.AgentOperation;
import io.agenttransport.api.AgentUnreachableException;
import io.agenttransport.api.CallEvent;
import io.agenttransport.api.CallOptions;
import io.agenttransport.api.CallTimeoutException;
import io.agenttransport.api.ChannelClosedException;
import io.agenttransport.api.ConflictException;
import io.agenttransport.api.NotFoundException;
import io.agenttransport.api.ProtocolException;
import io.agenttransport.api.RejectionReason;
import io.agenttransport.api.RequestRejectedException;
import io.agenttransport.config.ClientSettings;
import io.agenttransport.config.ConfigException;
import io.agenttransport.http.HttpTransportProvider;
import io.agenttransport.model.ActionScheduleRequest;
import io.agenttransport.model.JsonValue;
import io.agenttransport.model.NodeInfo;
import io.agenttransport.spi.ClientContext;
import io.agenttransport.spi.ClientTransport;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Core's side over plain HTTP against raw loopback servers that misbehave on purpose. */
class PlainClientTest {
  private static final String NODE_PATH = AgentOperation.NODE_INFO.httpPath();

  private final RecordingListener listener = new RecordingListener();
  private ClientTransport transport = client(ClientSettings.DEFAULTS);

  @AfterEach
  void closeTransport() {
    transport.close();
  }

  private ClientTransport client(ClientSettings settings) {
    return new HttpTransportProvider()
        .createClient(
            new ClientContext(settings, null, null, Map.of(), Clock.systemUTC(), listener));
  }

  private AgentChannel open(RawHttpServer server) {
    return transport.open(AgentAddress.parse(server.httpAddress()));
  }

  @Test
  void nodeInfoDecodesAgentResponse() throws Exception {
    try (RawHttpServer server =
        RawHttpServer.answering(jsonResponse(200, "", ResourceFiles.agentApi("info-node.json")))) {
      NodeInfo info = value(open(server).nodeInfo());

      assertThat(info).isNotNull();
      assertThat(server.requestHeads().get(0)).startsWith("GET " + NODE_PATH + " HTTP/1.1\r\n");
      assertThat(server.requestHeads().get(0))
          .containsIgnoringCase("host: 127.0.0.1:" + server.port() + "\r\n");
    }
  }

  @Test
  void redirectIsNotFollowed() throws Exception {
    try (RawHttpServer target =
            RawHttpServer.answering(
                jsonResponse(200, "", ResourceFiles.agentApi("info-node.json")));
        RawHttpServer redirecting =
            RawHttpServer.answering(
                "HTTP/1.1 302 Found\r\nLocation: "
                    + target.httpAddress()
                    + NODE_PATH
                    + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")) {
      ProtocolException error = failure(open(redirecting).nodeInfo(), ProtocolException.class);

      assertThat(error).hasMessageContaining("redirect status 302");
      assertThat(target.connections()).isZero();
    }
  }

  @Test
  void oversizedContentLengthIsRejected() throws Exception {
    transport = client(ClientSettings.builder().maxResponseBytes(1024).build());
    try (RawHttpServer server =
        RawHttpServer.answering(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000000\r\n\r\n"
                + "{\"a\":")) {
      ProtocolException error = failure(open(server).nodeInfo(), ProtocolException.class);

      assertThat(error).hasMessageContaining("100000000 bytes exceeds client.max_response_bytes");
    }
  }

  @Test
  void oversizedChunkedBodyIsRejected() throws Exception {
    transport = client(ClientSettings.builder().maxResponseBytes(1024).build());
    String chunk = "x".repeat(4096);
    try (RawHttpServer server =
        RawHttpServer.answering(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(chunk.length())
                + "\r\n"
                + chunk
                + "\r\n0\r\n\r\n")) {
      ProtocolException error = failure(open(server).nodeInfo(), ProtocolException.class);

      assertThat(error).hasMessageContaining("more than 1024 bytes");
    }
  }

  @Test
  void malformedBodyNamesOperation() throws Exception {
    try (RawHttpServer server = RawHttpServer.answering(jsonResponse(200, "", "{\"node_id\": "))) {
      ProtocolException error = failure(open(server).nodeInfo(), ProtocolException.class);

      assertThat(error.operation()).isEqualTo(AgentOperation.NODE_INFO);
      assertThat(error).hasMessageContaining("NODE_INFO");
    }
  }

  @Test
  void closeMidResponseFails() throws Exception {
    try (RawHttpServer server =
        RawHttpServer.answering(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
                + "{\"node_id\": \"n")) {
      ProtocolException error = failure(open(server).nodeInfo(), ProtocolException.class);

      assertThat(error).hasMessageContaining("unexpected end of stream");
    }
  }

  @Test
  void closeBeforeResponseIsUnreachable() throws Exception {
    try (RawHttpServer server = RawHttpServer.answering("")) {
      AgentUnreachableException error =
          failure(open(server).nodeInfo(), AgentUnreachableException.class);

      assertThat(error.agent()).isEqualTo(AgentAddress.parse(server.httpAddress()));
    }
  }

  @Test
  void notFoundStatusMapsToNotFound() throws Exception {
    try (RawHttpServer server =
        RawHttpServer.answering("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")) {
      NotFoundException error = failure(open(server).nodeInfo(), NotFoundException.class);

      assertThat(error.status()).isEqualTo(404);
    }
  }

  @Test
  void conflictStatusKeepsBody() throws Exception {
    try (RawHttpServer server =
        RawHttpServer.answering(jsonResponse(409, "", ResourceFiles.agentApi("error-body.json")))) {
      ConflictException error = failure(open(server).nodeInfo(), ConflictException.class);

      assertThat(error.body()).isNotNull();
      assertThat(error.body().message())
          .isEqualTo("unknown action kind: agent.replicante.io/does.not.exist");
    }
  }

  @Test
  void rejectionHeaderMapsToReason() throws Exception {
    String body = "{\"error\": true, \"error_msg\": \"nonce cache full\"}";
    try (RawHttpServer server =
        RawHttpServer.answering(
            jsonResponse(503, "agent-transport-rejection: NONCE_CACHE_FULL\r\n", body))) {
      RequestRejectedException error =
          failure(open(server).nodeInfo(), RequestRejectedException.class);

      assertThat(error.reason()).isEqualTo(RejectionReason.NONCE_CACHE_FULL);
      assertThat(error).hasMessageContaining("nonce cache full");
    }
  }

  @Test
  void serverErrorKeepsStatusAndBody() throws Exception {
    try (RawHttpServer server =
        RawHttpServer.answering(jsonResponse(500, "", ResourceFiles.agentApi("error-body.json")))) {
      AgentErrorException error = failure(open(server).nodeInfo(), AgentErrorException.class);

      assertThat(error.status()).isEqualTo(500);
      assertThat(error.body().cause()).isEqualTo("no handler registered for this kind");
      assertThat(error.body().trail()).hasSize(3);
    }
  }

  @Test
  void errorWithoutBodyKeepsStatus() throws Exception {
    try (RawHttpServer server =
        RawHttpServer.answering("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")) {
      AgentErrorException error = failure(open(server).nodeInfo(), AgentErrorException.class);

      assertThat(error.status()).isEqualTo(502);
      assertThat(error.body()).isNull();
    }
  }

  @Test
  void silentAgentHitsDeadline() throws Exception {
    try (RawHttpServer server =
        RawHttpServer.start((head, out, socket) -> socket.getInputStream().read())) {
      CallTimeoutException error =
          failure(
              open(server).nodeInfo(CallOptions.withDeadline(Duration.ofMillis(300))),
              CallTimeoutException.class);

      assertThat(error).hasMessageContaining("PT0.3S");
    }
  }

  @Test
  void acceptingButSilentSocketTimesOut() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      AgentChannel channel =
          transport.open(new AgentAddress("http", "127.0.0.1", silent.getLocalPort()));

      CallTimeoutException error =
          failure(
              channel.storeInfo(CallOptions.withDeadline(Duration.ofMillis(300))),
              CallTimeoutException.class);

      assertThat(error.operation()).isEqualTo(AgentOperation.STORE_INFO);
    }
  }

  @Test
  void nothingListeningIsUnreachable() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    AgentChannel channel = transport.open(new AgentAddress("http", "127.0.0.1", port));

    AgentUnreachableException error = failure(channel.nodeInfo(), AgentUnreachableException.class);

    assertThat(error).hasMessageContaining("connection refused");
  }

  @Test
  void cancellingFutureClosesConnection() throws Exception {
    RawHttpServer[] holder = new RawHttpServer[1];
    try (RawHttpServer server =
        RawHttpServer.start((head, out, socket) -> holder[0].holdUntilClientCloses(socket))) {
      holder[0] = server;
      CompletableFuture<NodeInfo> call = open(server).nodeInfo();
      awaitRequests(server, 1);

      call.cancel(true);

      assertThat(server.awaitClientClose(10, TimeUnit.SECONDS)).isTrue();
      assertThat(call).isCancelled();
    }
  }

  @Test
  void closingChannelFailsCallInFlight() throws Exception {
    RawHttpServer[] holder = new RawHttpServer[1];
    try (RawHttpServer server =
        RawHttpServer.start((head, out, socket) -> holder[0].holdUntilClientCloses(socket))) {
      holder[0] = server;
      AgentChannel channel = open(server);
      CompletableFuture<NodeInfo> call = channel.nodeInfo();
      awaitRequests(server, 1);

      channel.close();

      failure(call, ChannelClosedException.class);
      assertThat(server.awaitClientClose(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void callAfterChannelCloseFails() throws Exception {
    try (RawHttpServer server = RawHttpServer.answering("")) {
      AgentChannel channel = open(server);
      channel.close();
      channel.close();

      failure(channel.shards(), ChannelClosedException.class);
      assertThat(server.connections()).isZero();
    }
  }

  @Test
  void closingTransportCancelsCallsAndRefusesOpen() throws Exception {
    RawHttpServer[] holder = new RawHttpServer[1];
    try (RawHttpServer server =
        RawHttpServer.start((head, out, socket) -> holder[0].holdUntilClientCloses(socket))) {
      holder[0] = server;
      CompletableFuture<NodeInfo> call = open(server).nodeInfo();
      awaitRequests(server, 1);

      transport.close();
      transport.close();

      failure(call, ChannelClosedException.class);
      assertThatThrownBy(() -> open(server)).isInstanceOf(ChannelClosedException.class);
    }
  }

  @Test
  void actionOverPlainHttpIsNotSent() throws Exception {
    try (RawHttpServer server = RawHttpServer.answering("")) {
      AgentChannel channel = open(server);
      ActionScheduleRequest request =
          ActionScheduleRequest.create("agent.replicante.io/test.success", JsonValue.parse("{}"));

      RequestRejectedException schedule =
          failure(channel.scheduleAction(request), RequestRejectedException.class);
      RequestRejectedException queue =
          failure(channel.actionQueue(), RequestRejectedException.class);
      RequestRejectedException lookup =
          failure(channel.actionLookup(UUID.randomUUID()), RequestRejectedException.class);

      assertThat(schedule.reason()).isEqualTo(RejectionReason.PLAINTEXT_ACTION);
      assertThat(queue.reason()).isEqualTo(RejectionReason.PLAINTEXT_ACTION);
      assertThat(lookup.reason()).isEqualTo(RejectionReason.PLAINTEXT_ACTION);
      assertThat(schedule).hasMessageContaining("https://");
      assertThat(server.connections()).isZero();
    }
  }

  @Test
  void signAllRequestsRefusesPlainHttp() throws Exception {
    transport = client(ClientSettings.builder().signAllRequests(true).build());
    try (RawHttpServer server = RawHttpServer.answering("")) {
      RequestRejectedException error =
          failure(open(server).nodeInfo(), RequestRejectedException.class);

      assertThat(error).hasMessageContaining("client.sign_all_requests");
      assertThat(server.connections()).isZero();
    }
  }

  @Test
  void httpsAddressWithoutTlsIsRefused() {
    assertThatThrownBy(() -> transport.open(AgentAddress.parse("https://127.0.0.1:8443")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tls.ca_bundle");
  }

  @Test
  void foreignSchemeIsRefused() {
    assertThatThrownBy(() -> transport.open(AgentAddress.parse("grpcs://127.0.0.1:8443")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("grpcs");
  }

  @Test
  void unknownOptionIsRejected() {
    ClientContext context =
        new ClientContext(
            ClientSettings.DEFAULTS,
            null,
            null,
            Map.of("max_request", "5"),
            Clock.systemUTC(),
            listener);

    assertThatThrownBy(() -> new HttpTransportProvider().createClient(context))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("options.http.max_request");
  }

  @Test
  void everyCallReportsOneEvent() throws Exception {
    try (RawHttpServer server =
        RawHttpServer.answering("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")) {
      AgentChannel channel = open(server);
      failure(channel.nodeInfo(), NotFoundException.class);
      failure(channel.actionQueue(), RequestRejectedException.class);

      assertThat(listener.events()).hasSize(2);
      CallEvent notFound = listener.events().get(0);
      assertThat(notFound.side()).isEqualTo(CallEvent.Side.CLIENT);
      assertThat(notFound.outcome()).isEqualTo("not-found");
      assertThat(notFound.transport()).isEqualTo("http");
      CallEvent rejected = listener.events().get(1);
      assertThat(rejected.rejection()).isEqualTo(RejectionReason.PLAINTEXT_ACTION);
    }
  }

  private static void awaitRequests(RawHttpServer server, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (server.requestHeads().size() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(server.requestHeads()).hasSizeGreaterThanOrEqualTo(count);
  }
}
