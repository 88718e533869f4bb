package io.agenttransport.tck.jdk;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentChannel;
import io.agenttransport.api.AgentErrorException;
import io.agenttransport.api.AgentOperation;
import io.agenttransport.api.AgentUnreachableException;
import io.agenttransport.api.AuthenticationFailedException;
import io.agenttransport.api.CallOptions;
import io.agenttransport.api.CallTimeoutException;
import io.agenttransport.api.ChannelClosedException;
import io.agenttransport.api.ConflictException;
import io.agenttransport.api.NotFoundException;
import io.agenttransport.api.ProtocolException;
import io.agenttransport.api.RejectionReason;
import io.agenttransport.api.RequestRejectedException;
import io.agenttransport.api.TransportException;
import io.agenttransport.json.AgentJson;
import io.agenttransport.model.ActionList;
import io.agenttransport.model.ActionRecord;
import io.agenttransport.model.ActionScheduleRequest;
import io.agenttransport.model.ActionScheduleResponse;
import io.agenttransport.model.ErrorBody;
import io.agenttransport.model.NodeInfo;
import io.agenttransport.model.ShardList;
import io.agenttransport.model.StoreInfo;
import io.agenttransport.security.OutboundRequest;
import io.agenttransport.security.signature.RequestSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/** One agent channel of the test provider. */
final class JdkAgentChannel implements AgentChannel {
  private static final byte[] NO_BODY = new byte[0];

  private final JdkClientTransport transport;
  private final AgentAddress address;
  private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  JdkAgentChannel(JdkClientTransport transport, AgentAddress address) {
    this.transport = transport;
    this.address = address;
  }

  @Override
  public AgentAddress address() {
    return address;
  }

  @Override
  public CompletableFuture<NodeInfo> nodeInfo(CallOptions options) {
    return call(
        AgentOperation.NODE_INFO,
        AgentOperation.NODE_INFO.httpPath(),
        NO_BODY,
        NodeInfo.class,
        options);
  }

  @Override
  public CompletableFuture<StoreInfo> storeInfo(CallOptions options) {
    return call(
        AgentOperation.STORE_INFO,
        AgentOperation.STORE_INFO.httpPath(),
        NO_BODY,
        StoreInfo.class,
        options);
  }

  @Override
  public CompletableFuture<ShardList> shards(CallOptions options) {
    return call(
        AgentOperation.SHARDS, AgentOperation.SHARDS.httpPath(), NO_BODY, ShardList.class, options);
  }

  @Override
  public CompletableFuture<ActionList> actionQueue(CallOptions options) {
    return call(
        AgentOperation.ACTION_QUEUE,
        AgentOperation.ACTION_QUEUE.httpPath(),
        NO_BODY,
        ActionList.class,
        options);
  }

  @Override
  public CompletableFuture<ActionList> actionsFinished(CallOptions options) {
    return call(
        AgentOperation.ACTIONS_FINISHED,
        AgentOperation.ACTIONS_FINISHED.httpPath(),
        NO_BODY,
        ActionList.class,
        options);
  }

  @Override
  public CompletableFuture<ActionRecord> actionLookup(UUID id, CallOptions options) {
    return call(
        AgentOperation.ACTION_LOOKUP,
        AgentOperation.ACTION_LOOKUP.httpPath() + id,
        NO_BODY,
        ActionRecord.class,
        options);
  }

  @Override
  public CompletableFuture<ActionScheduleResponse> scheduleAction(
      ActionScheduleRequest request, CallOptions options) {
    ActionScheduleRequest sent =
        transport.faults().contains(Fault.NEW_ACTION_ID_PER_SEND)
            ? request.withId(UUID.randomUUID())
            : request;
    byte[] body;
    try {
      body = AgentJson.encode(sent);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(
          new ProtocolException(
              "cannot encode the schedule request: " + e.getMessage(),
              address,
              AgentOperation.ACTION_SCHEDULE,
              e));
    }
    return call(
        AgentOperation.ACTION_SCHEDULE,
        AgentOperation.ACTION_SCHEDULE.httpPath(),
        body,
        ActionScheduleResponse.class,
        options);
  }

  private <T> CompletableFuture<T> call(
      AgentOperation operation, String path, byte[] body, Class<T> type, CallOptions options) {
    if (closed) {
      return CompletableFuture.failedFuture(
          new ChannelClosedException("channel is closed", address, operation, null));
    }
    TransportException refused = refuseBeforeSending(operation);
    if (refused != null) {
      return CompletableFuture.failedFuture(refused);
    }
    HttpRequest request;
    try {
      request = request(operation, path, body, options);
    } catch (TransportException e) {
      return CompletableFuture.failedFuture(e);
    }
    long started = System.nanoTime();
    Duration deadline = options.effectiveDeadline(transport.context().settings().callTimeout());
    CompletableFuture<HttpResponse<byte[]>> exchange =
        transport.http().sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    CompletableFuture<T> result = new CompletableFuture<>();
    inFlight.add(result);
    exchange.whenComplete(
        (response, failure) -> {
          inFlight.remove(result);
          if (failure != null) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            result.completeExceptionally(
                mapFailure(operation, failure, elapsed.compareTo(deadline) >= 0));
          } else {
            complete(result, operation, response, type);
          }
        });
    result.whenComplete(
        (value, failure) -> {
          if (result.isCancelled()) {
            exchange.cancel(true);
          }
        });
    return result;
  }

  private @Nullable TransportException refuseBeforeSending(AgentOperation operation) {
    if (!operation.isStateChanging()) {
      return null;
    }
    boolean plain = address.scheme().equals("http");
    if (plain && !transport.faults().contains(Fault.PLAINTEXT_ACTIONS)) {
      return new RequestRejectedException(
          RejectionReason.PLAINTEXT_ACTION,
          "actions are never sent over plain text",
          address,
          operation);
    }
    if (transport.context().signer() == null) {
      return new RequestRejectedException(
          RejectionReason.SIGNING_KEY_MISSING,
          "core has no signing key, so it sends no actions",
          address,
          operation);
    }
    return null;
  }

  private HttpRequest request(
      AgentOperation operation, String path, byte[] body, CallOptions options) {
    Duration deadline = options.effectiveDeadline(transport.context().settings().callTimeout());
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(address.scheme() + "://" + address.authority() + path))
            .timeout(deadline);
    String contentType = body.length == 0 ? null : "application/json";
    if (contentType != null) {
      builder.header("content-type", contentType);
    }
    RequestSigner signer = transport.context().signer();
    if (signer != null
        && (operation.isStateChanging() || transport.context().settings().signAllRequests())) {
      OutboundRequest outbound =
          new OutboundRequest(
              operation, operation.httpMethod(), address.authority(), path, "?", contentType, body);
      for (Map.Entry<String, String> field : signer.sign(outbound).entrySet()) {
        builder.header(field.getKey(), field.getValue());
      }
    }
    builder.method(
        operation.httpMethod(),
        body.length == 0
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    return builder.build();
  }

  private <T> void complete(
      CompletableFuture<T> result,
      AgentOperation operation,
      HttpResponse<byte[]> response,
      Class<T> type) {
    int status = response.statusCode();
    byte[] body = response.body();
    if (status == 200) {
      if (body.length > transport.context().settings().maxResponseBytes()) {
        result.completeExceptionally(
            new ProtocolException("response larger than the limit", address, operation, null));
        return;
      }
      try {
        result.complete(AgentJson.decode(body, type));
      } catch (IllegalArgumentException e) {
        result.completeExceptionally(
            new ProtocolException("malformed response: " + e.getMessage(), address, operation, e));
      }
      return;
    }
    result.completeExceptionally(errorFor(operation, response));
  }

  private TransportException errorFor(AgentOperation operation, HttpResponse<byte[]> response) {
    int status = response.statusCode();
    ErrorBody error = errorBody(response.body());
    boolean wrongMapping = transport.faults().contains(Fault.WRONG_ERROR_MAPPING);
    if (status == 404 && !wrongMapping) {
      return new NotFoundException(address, operation);
    }
    if (status == 409 && !wrongMapping) {
      return new ConflictException(error, address, operation);
    }
    String reason = response.headers().firstValue("agent-transport-rejection").orElse(null);
    if (reason != null) {
      try {
        return new RequestRejectedException(
            RejectionReason.valueOf(reason),
            error == null ? "rejected" : error.message(),
            address,
            operation);
      } catch (IllegalArgumentException e) {
        // An unknown reason from a newer agent: report the status instead.
      }
    }
    return new AgentErrorException(status, error, address, operation);
  }

  private static @Nullable ErrorBody errorBody(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    try {
      return AgentJson.decode(body, ErrorBody.class);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Maps a failure of the JDK client. The JDK reports a passed request timeout as a connect timeout
   * when it fires before the response starts, so {@code deadlinePassed} decides between the two.
   */
  private TransportException mapFailure(
      AgentOperation operation, Throwable failure, boolean deadlinePassed) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (closed) {
      return new ChannelClosedException(
          "channel closed while the call was in flight", address, operation, cause);
    }
    if (cause instanceof HttpConnectTimeoutException && !deadlinePassed) {
      return new AgentUnreachableException(
          "connect or handshake timed out", address, operation, cause);
    }
    if (cause instanceof HttpTimeoutException) {
      return new CallTimeoutException("call deadline passed", address, operation, cause);
    }
    if (cause instanceof SSLException || cause.getCause() instanceof SSLException) {
      return new AuthenticationFailedException(
          "TLS handshake failed: " + cause.getMessage(), address, operation, cause);
    }
    if (cause instanceof IOException) {
      return new AgentUnreachableException(
          "connection failed: " + cause, address, operation, cause);
    }
    return new ProtocolException("call failed: " + cause, address, operation, cause);
  }

  @Override
  public void close() {
    if (transport.faults().contains(Fault.LEAKY_CLOSE)) {
      return;
    }
    closed = true;
    transport.forget(this);
    for (CompletableFuture<?> call : inFlight) {
      call.completeExceptionally(new ChannelClosedException("channel closed", address, null, null));
    }
  }
}
