package io.agenttransport.http.internal;

import io.agenttransport.api.Agent;
import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentErrorException;
import io.agenttransport.api.AgentOperation;
import io.agenttransport.api.CallEvent;
import io.agenttransport.api.CallListener;
import io.agenttransport.api.RejectionReason;
import io.agenttransport.api.RequestRejectedException;
import io.agenttransport.json.AgentJson;
import io.agenttransport.model.ActionScheduleRequest;
import io.agenttransport.model.ErrorBody;
import io.agenttransport.security.InboundRequest;
import io.agenttransport.security.RequestGuard;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the agent HTTP API with Jetty's core handler API: routes each request, reads its body
 * under the size limit, passes what it saw to the {@link RequestGuard} and only then calls the
 * {@link Agent}.
 */
final class AgentApiHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(AgentApiHandler.class);
  private static final byte[] NO_BODY = new byte[0];

  private final Agent agent;
  private final RequestGuard guard;
  private final boolean tls;
  private final long maxRequestBytes;
  private final CallListener listener;
  private final ConnectionDeadlines deadlines;
  private final Supplier<AgentAddress> boundAddress;

  AgentApiHandler(
      Agent agent,
      RequestGuard guard,
      boolean tls,
      long maxRequestBytes,
      CallListener listener,
      ConnectionDeadlines deadlines,
      Supplier<AgentAddress> boundAddress) {
    super(InvocationType.BLOCKING);
    this.agent = agent;
    this.guard = guard;
    this.tls = tls;
    this.maxRequestBytes = Math.min(maxRequestBytes, Integer.MAX_VALUE - 8);
    this.listener = listener;
    this.deadlines = deadlines;
    this.boundAddress = boundAddress;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    long startNanos = System.nanoTime();
    deadlines.requestReceived(request.getConnectionMetaData().getConnection());
    String path = request.getHttpURI().getPath();
    AgentOperation operation = path == null ? null : ApiRoutes.match(path);
    if (operation == null || (operation.isActionOperation() && !guard.actionsEnabled())) {
      send(response, callback, Reply.notFound());
      return true;
    }
    Reply reply;
    try {
      reply = serve(operation, path, request, response);
    } catch (IOException e) {
      LOG.warn(
          "{} from {}: reading the request failed: {}", operation, remote(request), e.toString());
      report(operation, startNanos, "unreachable", null);
      callback.failed(e);
      return true;
    }
    // The event is reported before the response leaves, so that it is recorded by the time the
    // client sees the response.
    report(operation, startNanos, reply.outcome(), reply.rejection());
    send(response, callback, reply);
    return true;
  }

  private Reply serve(AgentOperation operation, String path, Request request, Response response)
      throws IOException {
    if (!operation.httpMethod().equals(request.getMethod())) {
      response.getHeaders().put(HttpHeader.ALLOW, operation.httpMethod());
      return Reply.error(
          405,
          ErrorBody.of(
              "method "
                  + request.getMethod()
                  + " not allowed on "
                  + path
                  + "; use "
                  + operation.httpMethod()),
          "agent-error");
    }
    byte[] body = readBody(request);
    if (body == null) {
      LOG.warn(
          "{} from {} rejected: body larger than server.max_request_bytes ({})",
          operation,
          remote(request),
          maxRequestBytes);
      return Reply.rejected(
          RejectionReason.BODY_TOO_LARGE,
          "request body exceeds the limit of " + maxRequestBytes + " bytes");
    }
    try {
      guard.check(inbound(operation, request, body));
    } catch (RequestRejectedException e) {
      // The guard has logged the rejection with its reason.
      LOG.debug("{} from {} rejected: {}", operation, remote(request), e.getMessage());
      return Reply.rejected(e.reason(), e.getMessage());
    }
    return call(operation, path, body);
  }

  /** Returns the body, or {@code null} when it is larger than the limit. */
  private byte @Nullable [] readBody(Request request) throws IOException {
    long declared = request.getLength();
    if (declared > maxRequestBytes) {
      return null;
    }
    if (declared == 0) {
      return NO_BODY;
    }
    InputStream in = Content.Source.asInputStream(request);
    if (declared > 0) {
      // Jetty ends the content at the declared length, so exactly that many bytes arrive.
      return in.readNBytes((int) declared);
    }
    // No declared length: HTTP/1.1 requests without a body, such as most GETs, and chunked bodies.
    // Reading one byte first spares the former the buffer of a bounded read.
    int first = in.read();
    if (first < 0) {
      return NO_BODY;
    }
    byte[] rest = in.readNBytes((int) maxRequestBytes);
    if (rest.length + 1 > maxRequestBytes) {
      return null;
    }
    byte[] body = new byte[rest.length + 1];
    body[0] = (byte) first;
    System.arraycopy(rest, 0, body, 1, rest.length);
    return body;
  }

  private InboundRequest inbound(AgentOperation operation, Request request, byte[] body) {
    String query = request.getHttpURI().getQuery();
    Map<String, String> derived =
        Map.of(
            "@method", request.getMethod(),
            "@authority", authority(request),
            "@path", request.getHttpURI().getPath(),
            "@query", query == null ? HttpWire.EMPTY_QUERY : "?" + query);
    return new InboundRequest(
        operation,
        tls,
        peerCertificates(request),
        localAddress(request),
        derived,
        fields(request),
        body);
  }

  private static String authority(Request request) {
    String host = request.getHeaders().get(HttpHeader.HOST);
    if (host != null) {
      return host;
    }
    String authority = request.getHttpURI().getAuthority();
    return authority == null ? "" : authority;
  }

  private static Map<String, List<String>> fields(Request request) {
    HttpFields headers = request.getHeaders();
    Map<String, List<String>> fields = new HashMap<>(headers.size() * 2);
    for (HttpField field : headers) {
      // Most names occur once, so a second value replaces the immutable one-value list.
      String value = field.getValue() == null ? "" : field.getValue();
      fields.merge(field.getLowerCaseName(), List.of(value), AgentApiHandler::concat);
    }
    return fields;
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first.size() + second.size());
    all.addAll(first);
    all.addAll(second);
    return all;
  }

  private static List<X509Certificate> peerCertificates(Request request) {
    if (request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE)
        instanceof EndPoint.SslSessionData session) {
      X509Certificate[] chain = session.peerCertificates();
      return chain == null ? List.of() : List.of(chain);
    }
    return List.of();
  }

  private InetSocketAddress localAddress(Request request) {
    SocketAddress local = request.getConnectionMetaData().getLocalSocketAddress();
    if (local instanceof InetSocketAddress inet) {
      return inet;
    }
    AgentAddress bound = boundAddress.get();
    return new InetSocketAddress(bound.host(), bound.port());
  }

  /** Calls the agent and turns its result or failure into a reply. */
  private Reply call(AgentOperation operation, String path, byte[] body) {
    try {
      return Reply.ok(invoke(operation, path, body));
    } catch (AgentErrorException e) {
      ErrorBody error = e.body() != null ? e.body() : ErrorBody.of("status " + e.status());
      return Reply.error(e.status(), error, e.kind());
    } catch (NotFound e) {
      return Reply.notFound();
    } catch (BadRequest e) {
      return Reply.error(400, ErrorBody.of(e.getMessage()), "agent-error");
    } catch (RuntimeException e) {
      LOG.error("{} failed in the agent; answering 500", operation, e);
      return Reply.error(500, ErrorBody.of("internal agent error"), "agent-error");
    }
  }

  /**
   * Returns the agent's result.
   *
   * @throws BadRequest for an invalid action id or request body, before the agent is called
   */
  private Object invoke(AgentOperation operation, String path, byte[] body) {
    return switch (operation) {
      case NODE_INFO -> agent.nodeInfo();
      case STORE_INFO -> agent.storeInfo();
      case SHARDS -> agent.shards();
      case ACTION_QUEUE -> agent.actionQueue();
      case ACTIONS_FINISHED -> agent.actionsFinished();
      case ACTION_LOOKUP -> agent.actionLookup(actionId(path)).orElseThrow(NotFound::new);
      case ACTION_SCHEDULE -> agent.scheduleAction(decodeSchedule(body));
    };
  }

  private static UUID actionId(String path) {
    try {
      return ApiRoutes.actionId(path);
    } catch (IllegalArgumentException e) {
      throw new BadRequest(e.getMessage());
    }
  }

  private static ActionScheduleRequest decodeSchedule(byte[] body) {
    try {
      return AgentJson.decode(body, ActionScheduleRequest.class);
    } catch (IllegalArgumentException e) {
      throw new BadRequest("invalid schedule request body: " + e.getMessage());
    }
  }

  private static void send(Response response, Callback callback, Reply reply) {
    response.setStatus(reply.status());
    if (reply.rejection() != null) {
      response.getHeaders().put(HttpWire.REJECTION_HEADER, reply.rejection().name());
    }
    if (reply.body().length == 0) {
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
      response.write(true, null, callback);
      return;
    }
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, HttpWire.JSON_MEDIA_TYPE);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
    response.write(true, ByteBuffer.wrap(reply.body()), callback);
  }

  private void report(
      AgentOperation operation, long startNanos, String outcome, @Nullable RejectionReason reason) {
    CallEvent event =
        new CallEvent(
            CallEvent.Side.SERVER,
            operation,
            boundAddress.get(),
            HttpWire.TRANSPORT_NAME,
            Duration.ofNanos(System.nanoTime() - startNanos),
            outcome,
            reason);
    try {
      listener.onCall(event);
    } catch (RuntimeException e) {
      LOG.warn("Call listener failed on {}; ignored", operation, e);
    }
  }

  private static String remote(Request request) {
    return String.valueOf(request.getConnectionMetaData().getRemoteSocketAddress());
  }

  /** Signals invalid input found before the agent is called, which gets status 400. */
  private static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message, null, false, false);
    }
  }

  /** Signals an action lookup of an unknown id, which gets status 404 and an empty body. */
  private static final class NotFound extends RuntimeException {
    NotFound() {
      super(null, null, false, false);
    }
  }
}
