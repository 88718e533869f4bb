package io.agenttransport.tck.jdk;

import io.agenttransport.api.Agent;
import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentErrorException;
import io.agenttransport.api.AgentOperation;
import io.agenttransport.api.ConflictException;
import io.agenttransport.api.RejectionReason;
import io.agenttransport.api.RequestRejectedException;
import io.agenttransport.json.AgentJson;
import io.agenttransport.json.JsonDecodeException;
import io.agenttransport.model.ActionScheduleRequest;
import io.agenttransport.model.ErrorBody;
import io.agenttransport.security.InboundRequest;
import io.agenttransport.security.RequestGuard;
import io.agenttransport.security.tls.ServerTlsMaterial;
import io.agenttransport.spi.AgentServer;
import io.agenttransport.spi.ServerContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent side of the test provider: a thread-per-connection HTTP/1.1 server on a JDK server
 * socket, one request per connection, that hands every request to the guard before the agent.
 */
final class JdkAgentServer implements AgentServer {
  private static final Logger LOG = LoggerFactory.getLogger(JdkAgentServer.class);
  private static final String REJECTION_HEADER = "agent-transport-rejection";

  private final ServerContext context;
  private final Agent agent;
  private final Set<Fault> faults;
  private final ServerSocket server;
  private final AgentAddress bound;
  private final ExecutorService workers;
  private final AtomicInteger open = new AtomicInteger();
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private JdkAgentServer(
      ServerContext context, Agent agent, Set<Fault> faults, ServerSocket server) {
    this.context = context;
    this.agent = agent;
    this.faults = faults;
    this.server = server;
    boolean tls = context.tls() != null;
    this.bound =
        new AgentAddress(
            tls ? "https" : "http", context.settings().bindHost(), server.getLocalPort());
    this.workers = Executors.newCachedThreadPool(daemon("tck-jdk-agent-" + server.getLocalPort()));
  }

  static JdkAgentServer start(ServerContext context, Agent agent, Set<Fault> faults) {
    try {
      InetAddress host = InetAddress.getByName(context.settings().bindHost());
      ServerSocket socket;
      ServerTlsMaterial tls = context.tls();
      if (tls == null) {
        socket = new ServerSocket(context.settings().port(), 512, host);
      } else {
        SSLServerSocket secure =
            (SSLServerSocket)
                tls.sslContext()
                    .getServerSocketFactory()
                    .createServerSocket(context.settings().port(), 512, host);
        SSLParameters parameters = secure.getSSLParameters();
        parameters.setProtocols(tls.protocols().toArray(String[]::new));
        parameters.setCipherSuites(tls.cipherSuites().toArray(String[]::new));
        if (tls.clientAuthRequired() && faults.contains(Fault.WANT_CLIENT_AUTH)) {
          parameters.setWantClientAuth(true);
        } else if (tls.clientAuthRequired()) {
          parameters.setNeedClientAuth(true);
        }
        secure.setSSLParameters(parameters);
        socket = secure;
      }
      JdkAgentServer agentServer = new JdkAgentServer(context, agent, faults, socket);
      agentServer.workers.execute(agentServer::acceptLoop);
      LOG.info(
          "Agent server on {}, actions enabled: {}",
          agentServer.bound,
          agentServer.actionsEnabled());
      return agentServer;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot bind " + context.settings().bindHost() + ":" + context.settings().port(), e);
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public AgentAddress boundAddress() {
    return bound;
  }

  @Override
  public boolean actionsEnabled() {
    boolean plainServesActions = faults.contains(Fault.PLAINTEXT_ACTIONS) && context.tls() == null;
    return faults.contains(Fault.MISREPORTED_ACTIONS)
        || plainServesActions
        || context.guard().actionsEnabled();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket socket = server.accept();
        if (open.incrementAndGet() > context.settings().maxConnections()) {
          open.decrementAndGet();
          socket.close();
          continue;
        }
        sockets.add(socket);
        workers.execute(() -> serve(socket));
      } catch (SocketException e) {
        return;
      } catch (IOException e) {
        LOG.warn("Agent server {} failed to accept a connection", bound, e);
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      long start = System.nanoTime();
      if (socket instanceof SSLSocket secure) {
        socket.setSoTimeout((int) context.settings().handshakeTimeout().toMillis());
        secure.startHandshake();
      }
      socket.setSoTimeout((int) context.settings().headerTimeout().toMillis());
      long headerDeadline = System.nanoTime() + context.settings().headerTimeout().toNanos();
      handle(socket, headerDeadline);
      LOG.debug("served a request in {} us", (System.nanoTime() - start) / 1000);
    } catch (IOException e) {
      LOG.debug("Agent server {} closed a connection: {}", bound, e.toString());
    } finally {
      sockets.remove(socket);
      open.decrementAndGet();
    }
  }

  private void handle(Socket socket, long headerDeadline) throws IOException {
    InputStream in = socket.getInputStream();
    OutputStream out = socket.getOutputStream();
    HttpRequestHead head;
    try {
      head = HttpRequestHead.read(in, headerDeadline);
    } catch (HttpRequestHead.MalformedRequestException e) {
      respond(out, 400, ErrorBody.of(e.getMessage()), RejectionReason.MALFORMED_REQUEST);
      return;
    }
    AgentOperation operation = route(head);
    if (operation == null) {
      respond(out, 404, null, null);
      return;
    }
    byte[] body;
    try {
      body = readBody(in, head);
    } catch (BodyTooLargeException e) {
      respond(out, 413, ErrorBody.of(e.getMessage()), RejectionReason.BODY_TOO_LARGE);
      return;
    } catch (HttpRequestHead.MalformedRequestException e) {
      respond(out, 400, ErrorBody.of(e.getMessage()), RejectionReason.MALFORMED_REQUEST);
      return;
    }
    InboundRequest request = inbound(socket, head, operation, body);
    try {
      guard(request);
    } catch (RequestRejectedException e) {
      respond(out, e.reason().httpStatus(), ErrorBody.of(e.getMessage()), e.reason());
      return;
    }
    dispatch(out, operation, head, body);
  }

  private void guard(InboundRequest request) {
    RequestGuard guard = context.guard();
    boolean plainAction = !request.clientAuthenticated() && request.operation().isActionOperation();
    if (faults.contains(Fault.PLAINTEXT_ACTIONS) && plainAction) {
      return;
    }
    if (faults.contains(Fault.SKIP_SIGNATURE_CHECK)) {
      if (request.operation().isActionOperation() && (plainAction || !guard.actionsEnabled())) {
        throw new RequestRejectedException(
            RejectionReason.ACTIONS_DISABLED, "actions are not served", null, request.operation());
      }
      return;
    }
    try {
      guard.check(request);
    } catch (RequestRejectedException e) {
      if (!(faults.contains(Fault.IGNORE_REPLAYED_NONCE)
          && e.reason() == RejectionReason.REPLAYED_NONCE)) {
        throw e;
      }
    }
  }

  private static @Nullable AgentOperation route(HttpRequestHead head) {
    for (AgentOperation operation : AgentOperation.values()) {
      if (!operation.httpMethod().equals(head.method())) {
        continue;
      }
      boolean lookup = operation == AgentOperation.ACTION_LOOKUP;
      if (lookup
          ? head.rawPath().startsWith(operation.httpPath())
          : head.rawPath().equals(operation.httpPath())) {
        return operation;
      }
    }
    return null;
  }

  private static final class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    BodyTooLargeException(long limit) {
      super("request body larger than " + limit + " bytes");
    }
  }

  private byte[] readBody(InputStream in, HttpRequestHead head) throws IOException {
    long limit =
        faults.contains(Fault.NO_BODY_LIMIT)
            ? Long.MAX_VALUE
            : context.settings().maxRequestBytes();
    String length = head.first("content-length");
    if (head.first("transfer-encoding") != null) {
      throw new HttpRequestHead.MalformedRequestException(
          "chunked request bodies are not supported");
    }
    if (length == null) {
      return new byte[0];
    }
    long declared;
    try {
      declared = Long.parseLong(length);
    } catch (NumberFormatException e) {
      throw new HttpRequestHead.MalformedRequestException("invalid Content-Length");
    }
    if (declared > limit) {
      throw new BodyTooLargeException(limit);
    }
    return in.readNBytes((int) declared);
  }

  private InboundRequest inbound(
      Socket socket, HttpRequestHead head, AgentOperation operation, byte[] body) {
    List<X509Certificate> peers = new ArrayList<>();
    if (socket instanceof SSLSocket secure) {
      try {
        for (Certificate certificate : secure.getSession().getPeerCertificates()) {
          peers.add((X509Certificate) certificate);
        }
      } catch (SSLPeerUnverifiedException e) {
        // No client certificate: the guard decides what that allows.
      }
    }
    Map<String, String> derived = new HashMap<>();
    derived.put("@method", head.method());
    derived.put("@authority", head.first("host") == null ? "" : head.first("host"));
    derived.put("@path", head.rawPath());
    derived.put("@query", "?" + head.rawQuery());
    Map<String, List<String>> fields = new HashMap<>(head.fields());
    if (faults.contains(Fault.FIRST_FIELD_VALUE_ONLY)) {
      fields.replaceAll((name, values) -> List.of(values.get(0)));
    }
    return new InboundRequest(
        operation,
        socket instanceof SSLSocket,
        peers,
        (InetSocketAddress) socket.getLocalSocketAddress(),
        derived,
        fields,
        body);
  }

  private void dispatch(
      OutputStream out, AgentOperation operation, HttpRequestHead head, byte[] body)
      throws IOException {
    try {
      Object result =
          switch (operation) {
            case NODE_INFO -> agent.nodeInfo();
            case STORE_INFO -> agent.storeInfo();
            case SHARDS -> agent.shards();
            case ACTION_QUEUE -> agent.actionQueue();
            case ACTIONS_FINISHED -> agent.actionsFinished();
            case ACTION_LOOKUP -> lookup(head);
            case ACTION_SCHEDULE ->
                agent.scheduleAction(AgentJson.decode(body, ActionScheduleRequest.class));
          };
      if (result == null) {
        respond(out, 404, null, null);
      } else {
        writeResponse(out, 200, AgentJson.encode(result), null);
      }
    } catch (JsonDecodeException e) {
      respond(out, 400, ErrorBody.of(e.getMessage()), RejectionReason.MALFORMED_REQUEST);
    } catch (ConflictException e) {
      respond(out, 409, e.body(), null);
    } catch (AgentErrorException e) {
      respond(out, e.status(), e.body(), null);
    } catch (RuntimeException e) {
      LOG.warn("Agent failed on {} at {}", operation, bound, e);
      respond(out, 500, ErrorBody.of("agent failed: " + e.getClass().getSimpleName()), null);
    }
  }

  private @Nullable Object lookup(HttpRequestHead head) {
    String id = head.rawPath().substring(AgentOperation.ACTION_LOOKUP.httpPath().length());
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw AgentErrorException.badRequest("invalid action id '" + id + "': expected a UUID");
    }
    return agent.actionLookup(uuid).orElse(null);
  }

  private static void respond(
      OutputStream out, int status, @Nullable ErrorBody error, @Nullable RejectionReason reason)
      throws IOException {
    byte[] body = error == null ? new byte[0] : AgentJson.encode(error);
    writeResponse(out, status, body, reason);
  }

  private static void writeResponse(
      OutputStream out, int status, byte[] body, @Nullable RejectionReason reason)
      throws IOException {
    ByteArrayOutputStream response = new ByteArrayOutputStream();
    StringBuilder head = new StringBuilder();
    head.append("HTTP/1.1 ")
        .append(status)
        .append(' ')
        .append(status < 400 ? "OK" : "Error")
        .append("\r\n");
    head.append("Content-Type: application/json\r\n");
    head.append("Content-Length: ").append(body.length).append("\r\n");
    if (reason != null) {
      head.append(REJECTION_HEADER).append(": ").append(reason.name()).append("\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    response.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    response.write(body);
    out.write(response.toByteArray());
    out.flush();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      LOG.warn("Agent server {} failed to close its socket", bound, e);
    }
    for (Socket socket : sockets) {
      try {
        socket.close();
      } catch (IOException e) {
        LOG.debug("closing a connection of {}: {}", bound, e.toString());
      }
    }
    workers.shutdownNow();
    LOG.info("Agent server on {} closed", bound);
  }
}
