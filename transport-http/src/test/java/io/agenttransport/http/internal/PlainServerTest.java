package io.agenttransport.http.internal;

import static io.agenttransport.http.internal.Futures.failure;
import static io.agenttransport.http.internal.Futures.value;
import static io.agenttransport.http.internal.RawHttpClient.body;
import static io.agenttransport.http.internal.RawHttpClient.exchange;
import static io.agenttransport.http.internal.RawHttpClient.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agenttransport.api.AgentChannel;
import io.agenttransport.api.AgentErrorException;
import io.agenttransport.api.CallEvent;
import io.agenttransport.config.ClientSettings;
import io.agenttransport.config.ConfigException;
import io.agenttransport.config.ServerSettings;
import io.agenttransport.http.HttpTransportProvider;
import io.agenttransport.model.ErrorBody;
import io.agenttransport.model.NodeInfo;
import io.agenttransport.model.ShardList;
import io.agenttransport.model.StoreInfo;
import io.agenttransport.security.RequestGuard;
import io.agenttransport.spi.ClientContext;
import io.agenttransport.spi.ClientTransport;
import io.agenttransport.spi.ServerContext;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The agent server over plain HTTP, called by core's client and by hand-written requests. */
class PlainServerTest {
  private static final String NODE = "/api/unstable/info/node";

  private final FixtureAgent agent = new FixtureAgent();
  private final RecordingListener serverEvents = new RecordingListener();
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
  }

  private JettyAgentServer start(ServerSettings settings) {
    RequestGuard guard = RequestGuard.builder(Clock.systemUTC()).build();
    server =
        JettyAgentServer.start(
            new ServerContext(settings, null, guard, Map.of(), Clock.systemUTC(), serverEvents),
            agent);
    return server;
  }

  private AgentChannel channel() {
    client =
        new HttpTransportProvider()
            .createClient(
                new ClientContext(
                    ClientSettings.DEFAULTS, null, null, Map.of(), Clock.systemUTC(), event -> {}));
    return client.open(server.boundAddress());
  }

  private int port() {
    return server.boundAddress().port();
  }

  @Test
  void infoOperationsRoundTrip() throws Exception {
    start(ServerSettings.DEFAULTS);
    AgentChannel channel = channel();

    NodeInfo node = value(channel.nodeInfo());
    StoreInfo store = value(channel.storeInfo());
    ShardList shards = value(channel.shards());

    assertThat(node).isEqualTo(FixtureAgent.decode("info-node.json", NodeInfo.class));
    assertThat(store).isEqualTo(FixtureAgent.decode("info-store.json", StoreInfo.class));
    assertThat(shards).isEqualTo(FixtureAgent.decode("info-shards.json", ShardList.class));
  }

  @Test
  void boundAddressHasRealPort() {
    start(ServerSettings.DEFAULTS);

    assertThat(server.boundAddress().port()).isPositive();
    assertThat(server.boundAddress().scheme()).isEqualTo("http");
    assertThat(server.boundAddress().host()).isEqualTo("127.0.0.1");
    assertThat(server.actionsEnabled()).isFalse();
  }

  @Test
  void unknownPathIs404() throws Exception {
    start(ServerSettings.DEFAULTS);

    String response = exchange(port(), get("/api/unstable/info/nodes"));

    assertThat(status(response)).isEqualTo(404);
  }

  @Test
  void wrongMethodIs405() throws Exception {
    start(ServerSettings.DEFAULTS);

    String response =
        exchange(port(), "DELETE " + NODE + " HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");

    assertThat(status(response)).isEqualTo(405);
    assertThat(response).containsIgnoringCase("allow: GET");
  }

  @Test
  void actionsOnPlainAgentAre404() throws Exception {
    start(ServerSettings.DEFAULTS);

    String queue = exchange(port(), get("/api/unstable/actions/queue"));
    String lookup =
        exchange(port(), get("/api/unstable/action/6f8e2a40-3c1b-4d5e-9f7a-0b1c2d3e4f50"));
    String schedule =
        exchange(
            port(),
            "POST /api/unstable/action HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
                + "Content-Length: 2\r\nConnection: close\r\n\r\n{}");

    assertThat(status(queue)).isEqualTo(404);
    assertThat(status(lookup)).isEqualTo(404);
    assertThat(status(schedule)).isEqualTo(404);
  }

  @Test
  void declaredBodyOverLimitIs413() throws Exception {
    start(ServerSettings.builder().maxRequestBytes(1024).build());

    // Only the headers are sent: the server must respond without waiting for the body.
    String response =
        exchange(
            port(),
            "GET "
                + NODE
                + " HTTP/1.1\r\nHost: a\r\nContent-Length: 5000\r\nConnection: close\r\n\r\n");

    assertThat(status(response)).isEqualTo(413);
    assertThat(response).containsIgnoringCase("agent-transport-rejection: BODY_TOO_LARGE");
  }

  @Test
  void chunkedBodyOverLimitIs413() throws Exception {
    start(ServerSettings.builder().maxRequestBytes(1024).build());
    String chunk = "x".repeat(800);
    String chunks = "320\r\n" + chunk + "\r\n320\r\n" + chunk + "\r\n0\r\n\r\n";

    String response =
        exchange(
            port(),
            "GET "
                + NODE
                + " HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + chunks);

    assertThat(status(response)).isEqualTo(413);
  }

  @Test
  void chunkedBodyUnderLimitIsAccepted() throws Exception {
    start(ServerSettings.builder().maxRequestBytes(1024).build());

    String response =
        exchange(
            port(),
            "GET "
                + NODE
                + " HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "5\r\nhello\r\n0\r\n\r\n");

    assertThat(status(response)).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n",
        "Content-Length: 5\r\nContent-Length: 6\r\n",
        "X-Bad : value\r\n",
        "X-Bad: line\rbreak\r\n"
      })
  void malformedHeadersAre400(String headers) throws Exception {
    start(ServerSettings.DEFAULTS);

    String response =
        exchange(
            port(),
            "GET "
                + NODE
                + " HTTP/1.1\r\nHost: a\r\n"
                + headers
                + "Connection: close\r\n\r\nhello");

    assertThat(status(response)).isEqualTo(400);
    assertThat(serverEvents.events()).isEmpty();
  }

  @Test
  void agentFailureIsGeneric500() throws Exception {
    start(ServerSettings.DEFAULTS);
    agent.nodeInfo(
        () -> {
          throw new IllegalStateException("database password is hunter2");
        });

    String response = exchange(port(), get(NODE));

    assertThat(status(response)).isEqualTo(500);
    assertThat(body(response)).contains("internal agent error");
    assertThat(response).doesNotContain("hunter2");
  }

  @Test
  void agentErrorKeepsStatusAndBody() throws Exception {
    start(ServerSettings.DEFAULTS);
    agent.nodeInfo(
        () -> {
          throw new AgentErrorException(503, ErrorBody.of("store is down"), null, null);
        });

    AgentErrorException error = failure(channel().nodeInfo(), AgentErrorException.class);

    assertThat(error.status()).isEqualTo(503);
    assertThat(error.body()).isEqualTo(ErrorBody.of("store is down"));
  }

  @Test
  void servedCallIsReported() throws Exception {
    start(ServerSettings.DEFAULTS);

    value(channel().nodeInfo());

    assertThat(serverEvents.awaitEvents(1)).hasSize(1);
    CallEvent event = serverEvents.events().get(0);
    assertThat(event.side()).isEqualTo(CallEvent.Side.SERVER);
    assertThat(event.succeeded()).isTrue();
    assertThat(event.agent()).isEqualTo(server.boundAddress());
  }

  @Test
  void tricklingHeadersAreCutOff() throws Exception {
    start(ServerSettings.builder().headerTimeout(Duration.ofMillis(300)).build());

    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + NODE + " HTTP/1.1\r\n").getBytes(StandardCharsets.US_ASCII));
      long start = System.nanoTime();
      boolean closed = false;
      for (int i = 0; i < 100 && !closed; i++) {
        try {
          out.write("X-Slow: 1\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          Thread.sleep(100);
        } catch (java.io.IOException e) {
          closed = true;
        }
      }
      if (!closed) {
        closed = socket.getInputStream().read() < 0;
      }

      assertThat(closed).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(9));
    }
  }

  @Test
  void connectionsOverCapWaitUnserved() throws Exception {
    start(ServerSettings.builder().maxConnections(2).build());

    try (Socket first = new Socket(InetAddress.getLoopbackAddress(), port());
        Socket second = new Socket(InetAddress.getLoopbackAddress(), port());
        Socket third = new Socket(InetAddress.getLoopbackAddress(), port())) {
      awaitAccepted(2);
      third.setSoTimeout(500);
      third.getOutputStream().write(get(NODE).getBytes(StandardCharsets.US_ASCII));
      InputStream thirdIn = third.getInputStream();

      assertThatThrownBy(thirdIn::read).isInstanceOf(SocketTimeoutException.class);
      first.getOutputStream().write(get(NODE).getBytes(StandardCharsets.US_ASCII));
      assertThat(status(RawHttpClient.readAll(first.getInputStream()))).isEqualTo(200);
      first.close();
      third.setSoTimeout(20_000);
      assertThat(status(RawHttpClient.readAll(thirdIn))).isEqualTo(200);
    }
  }

  @Test
  void closeIsIdempotent() throws Exception {
    start(ServerSettings.DEFAULTS);
    int port = port();

    server.close();
    server.close();

    assertThatThrownBy(() -> exchange(port, get(NODE))).isInstanceOf(java.io.IOException.class);
  }

  @Test
  void unknownOptionIsRejected() {
    RequestGuard guard = RequestGuard.builder(Clock.systemUTC()).build();
    ServerContext context =
        new ServerContext(
            ServerSettings.DEFAULTS,
            null,
            guard,
            Map.of("threads", "4"),
            Clock.systemUTC(),
            e -> {});

    assertThatThrownBy(() -> JettyAgentServer.start(context, agent))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("options.http.threads");
  }

  private void awaitAccepted(long count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (server.acceptedConnections() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(server.acceptedConnections()).isEqualTo(count);
  }

  private static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n";
  }
}
