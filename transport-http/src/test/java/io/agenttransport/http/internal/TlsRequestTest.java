package io.agenttransport.http.internal;

import static io.agenttransport.http.internal.RawHttpClient.body;
import static io.agenttransport.http.internal.RawHttpClient.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.agenttransport.agent.ReferenceAgent;
import io.agenttransport.api.AgentOperation;
import io.agenttransport.config.ClientSettings;
import io.agenttransport.config.ServerSettings;
import io.agenttransport.security.OutboundRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hand-written requests over mutual TLS that core's client would never send. */
class TlsRequestTest {
  private static final String SCHEDULE = AgentOperation.ACTION_SCHEDULE.httpPath();

  private final TlsSetup tls = new TlsSetup();
  private final ReferenceAgent agent = ReferenceAgent.create("node-1");
  private final RecordingListener serverEvents = new RecordingListener();
  private JettyAgentServer server;
  private SSLContext context;

  @BeforeEach
  void start() {
    server =
        tls.startServer(
            agent, ServerSettings.builder().maxRequestBytes(1024).build(), serverEvents);
    context = tls.clientMaterial(ClientSettings.DEFAULTS).sslContext();
  }

  @AfterEach
  void stop() {
    server.close();
    agent.close();
  }

  private String exchange(String request) throws Exception {
    return RawTlsClient.exchange(context, server.boundAddress().port(), request);
  }

  private String authority() {
    return server.boundAddress().authority();
  }

  @Test
  void unsignedScheduleIsRejected() throws Exception {
    String body =
        "{\"kind\":\"agent.replicante.io/test.success\",\"id\":\"" + UUID.randomUUID() + "\"}";

    String response = exchange(post(body, Map.of()));

    assertThat(status(response)).isEqualTo(401);
    assertThat(response).containsIgnoringCase("agent-transport-rejection: SIGNATURE_MISSING");
    assertThat(body(response)).contains("\"error\":true");
    assertThat(agent.actionQueue().actions()).isEmpty();
  }

  @Test
  void signedDuplicateKeysAreBadRequest() throws Exception {
    String body =
        "{\"kind\":\"agent.replicante.io/test.success\",\"kind\":\"agent.replicante.io/test.fail\","
            + "\"id\":\""
            + UUID.randomUUID()
            + "\"}";

    String response = exchange(post(body, sign(body)));

    assertThat(status(response)).isEqualTo(400);
    assertThat(agent.actionQueue().actions()).isEmpty();
  }

  @Test
  void signedDeepNestingIsBadRequest() throws Exception {
    String body =
        "{\"kind\":\"agent.replicante.io/test.success\",\"id\":\""
            + UUID.randomUUID()
            + "\",\"args\":"
            + "[".repeat(200)
            + "]".repeat(200)
            + "}";

    String response = exchange(post(body, sign(body)));

    assertThat(status(response)).isEqualTo(400);
    assertThat(body(response)).contains("\"error\":true");
    assertThat(agent.actionQueue().actions()).isEmpty();
  }

  @Test
  void signedScheduleIsAccepted() throws Exception {
    UUID id = UUID.randomUUID();
    String body = "{\"kind\":\"agent.replicante.io/test.loop\",\"id\":\"" + id + "\"}";

    String response = exchange(post(body, sign(body)));

    assertThat(status(response)).isEqualTo(200);
    assertThat(body(response)).contains(id.toString());
    assertThat(agent.actionLookup(id)).isPresent();
  }

  @Test
  void declaredBodyOverLimitIs413() throws Exception {
    String response =
        exchange(
            "POST "
                + SCHEDULE
                + " HTTP/1.1\r\nHost: "
                + authority()
                + "\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n"
                + "Connection: close\r\n\r\n");

    assertThat(status(response)).isEqualTo(413);
    assertThat(response).containsIgnoringCase("agent-transport-rejection: BODY_TOO_LARGE");
  }

  @Test
  void chunkedBodyOverLimitIs413() throws Exception {
    String chunk = "x".repeat(1000);

    String response =
        exchange(
            "POST "
                + SCHEDULE
                + " HTTP/1.1\r\nHost: "
                + authority()
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\n3e8\r\n"
                + chunk
                + "\r\n3e8\r\n"
                + chunk
                + "\r\n0\r\n\r\n");

    assertThat(status(response)).isEqualTo(413);
  }

  @Test
  void invalidActionIdIsBadRequest() throws Exception {
    String response =
        exchange(
            "GET /api/unstable/action/12-34 HTTP/1.1\r\nHost: "
                + authority()
                + "\r\nConnection: close\r\n\r\n");

    assertThat(status(response)).isEqualTo(400);
    assertThat(body(response)).contains("invalid action id '12-34'");
  }

  @Test
  void unknownActionIdIsEmpty404() throws Exception {
    String response =
        exchange(
            "GET /api/unstable/action/"
                + UUID.randomUUID()
                + " HTTP/1.1\r\nHost: "
                + authority()
                + "\r\nConnection: close\r\n\r\n");

    assertThat(status(response)).isEqualTo(404);
    assertThat(body(response)).isEmpty();
  }

  private Map<String, String> sign(String body) {
    return tls.signer()
        .sign(
            new OutboundRequest(
                AgentOperation.ACTION_SCHEDULE,
                "POST",
                authority(),
                SCHEDULE,
                "?",
                "application/json",
                body.getBytes(StandardCharsets.UTF_8)));
  }

  private String post(String body, Map<String, String> signatureFields) {
    StringBuilder request =
        new StringBuilder("POST ")
            .append(SCHEDULE)
            .append(" HTTP/1.1\r\nHost: ")
            .append(authority())
            .append("\r\nContent-Type: application/json\r\nContent-Length: ")
            .append(body.getBytes(StandardCharsets.UTF_8).length)
            .append("\r\nConnection: close\r\n");
    signatureFields.forEach(
        (name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
    return request.append("\r\n").append(body).toString();
  }
}
