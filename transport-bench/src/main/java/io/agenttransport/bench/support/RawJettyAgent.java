package io.agenttransport.bench.support;

import io.agenttransport.api.Agent;
import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentOperation;
import io.agenttransport.json.AgentJson;
import io.agenttransport.model.ActionScheduleRequest;
import java.nio.ByteBuffer;
import java.util.Base64;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;

/**
 * The raw server baseline: an embedded Jetty 12 server with mutual TLS that serves node info, store
 * info, shards and schedule action on the agent HTTP API paths, encoding and decoding with {@link
 * AgentJson}, and nothing else: no signature check, no listener, no policy.
 */
public final class RawJettyAgent implements AutoCloseable {
  private static final int MAX_BODY_BYTES = 1024 * 1024;
  private static final String JSON = "application/json";

  private final Server server;
  private final ServerConnector connector;

  private RawJettyAgent(Server server, ServerConnector connector) {
    this.server = server;
    this.connector = connector;
  }

  /** Starts serving {@code agent} on a free port of 127.0.0.1, requiring client certificates. */
  public static RawJettyAgent start(Agent agent, RawTls tls) {
    return start(agent, tls, null);
  }

  /**
   * Starts serving {@code agent} like {@link #start(Agent, RawTls)}, and when {@code signatures} is
   * set, rejects with 401 each schedule request whose body it does not verify.
   */
  public static RawJettyAgent start(Agent agent, RawTls tls, @Nullable RawSignature signatures) {
    Server server = new Server(new QueuedThreadPool(32, 4));
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setSslContext(tls.newContext());
    ssl.setNeedClientAuth(true);
    ssl.setIncludeProtocols(RawTls.PROTOCOL);

    HttpConfiguration http = new HttpConfiguration();
    http.addCustomizer(new SecureRequestCustomizer(false));
    ServerConnector connector =
        new ServerConnector(
            server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(new AgentHandler(agent, signatures));
    try {
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the baseline Jetty server", e);
    }
    return new RawJettyAgent(server, connector);
  }

  /** Returns the bound address as an {@code https} agent address. */
  public AgentAddress address() {
    return new AgentAddress("https", "127.0.0.1", connector.getLocalPort());
  }

  /** Stops the server. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the baseline Jetty server", e);
    }
  }

  private static final class AgentHandler extends Handler.Abstract {
    private final Agent agent;
    private final @Nullable RawSignature signatures;

    AgentHandler(Agent agent, @Nullable RawSignature signatures) {
      this.agent = agent;
      this.signatures = signatures;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      String path = request.getHttpURI().getPath();
      String method = request.getMethod();
      if (isOperation(AgentOperation.NODE_INFO, method, path)) {
        writeJson(response, callback, HttpStatus.OK_200, AgentJson.encode(agent.nodeInfo()));
        return true;
      }
      if (isOperation(AgentOperation.STORE_INFO, method, path)) {
        writeJson(response, callback, HttpStatus.OK_200, AgentJson.encode(agent.storeInfo()));
        return true;
      }
      if (isOperation(AgentOperation.SHARDS, method, path)) {
        writeJson(response, callback, HttpStatus.OK_200, AgentJson.encode(agent.shards()));
        return true;
      }
      if (isOperation(AgentOperation.ACTION_SCHEDULE, method, path)) {
        String signature = request.getHeaders().get(RawSignature.HEADER);
        Content.Source.asByteArrayAsync(request, MAX_BODY_BYTES)
            .whenComplete(
                (body, failure) -> schedule(body, signature, failure, response, callback));
        return true;
      }
      return false;
    }

    private void schedule(
        byte[] body,
        @Nullable String signature,
        Throwable failure,
        Response response,
        Callback callback) {
      if (failure != null) {
        callback.failed(failure);
        return;
      }
      if (signatures != null
          && (signature == null
              || !signatures.verify(body, Base64.getDecoder().decode(signature)))) {
        response.setStatus(HttpStatus.UNAUTHORIZED_401);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
        response.write(true, null, callback);
        return;
      }
      ActionScheduleRequest request = AgentJson.decode(body, ActionScheduleRequest.class);
      byte[] answer = AgentJson.encode(agent.scheduleAction(request));
      writeJson(response, callback, HttpStatus.OK_200, answer);
    }

    private static boolean isOperation(AgentOperation operation, String method, String path) {
      return operation.httpMethod().equals(method) && operation.httpPath().equals(path);
    }

    private static void writeJson(Response response, Callback callback, int status, byte[] body) {
      response.setStatus(status);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
      response.write(true, ByteBuffer.wrap(body), callback);
    }
  }
}
