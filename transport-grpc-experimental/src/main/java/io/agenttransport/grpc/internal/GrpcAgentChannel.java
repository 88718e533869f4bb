package io.agenttransport.grpc.internal;

import com.google.protobuf.Message;
import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentChannel;
import io.agenttransport.api.AgentOperation;
import io.agenttransport.api.AgentUnreachableException;
import io.agenttransport.api.CallEvent;
import io.agenttransport.api.CallOptions;
import io.agenttransport.api.ChannelClosedException;
import io.agenttransport.api.ProtocolException;
import io.agenttransport.api.RejectionReason;
import io.agenttransport.api.RequestRejectedException;
import io.agenttransport.api.TransportException;
import io.agenttransport.grpc.internal.proto.GetNodeInfoRequest;
import io.agenttransport.grpc.internal.proto.GetStoreInfoRequest;
import io.agenttransport.grpc.internal.proto.ListActionQueueRequest;
import io.agenttransport.grpc.internal.proto.ListFinishedActionsRequest;
import io.agenttransport.grpc.internal.proto.ListShardsRequest;
import io.agenttransport.grpc.internal.proto.LookupActionRequest;
import io.agenttransport.model.ActionList;
import io.agenttransport.model.ActionRecord;
import io.agenttransport.model.ActionScheduleRequest;
import io.agenttransport.model.ActionScheduleResponse;
import io.agenttransport.model.NodeInfo;
import io.agenttransport.model.ShardList;
import io.agenttransport.model.StoreInfo;
import io.agenttransport.security.OutboundRequest;
import io.agenttransport.security.signature.RequestSigner;
import io.agenttransport.spi.ClientContext;
import io.grpc.ClientCall;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Core's channel to one agent over gRPC: one {@link ManagedChannel} per agent address, created on
 * the first call and shut down on close, so that an open channel that was never used costs no Netty
 * state.
 *
 * <p>Each call serializes its request once, signs those bytes when the operation needs it, and
 * sends them unchanged. The returned future completes on a gRPC executor thread. Cancelling it
 * cancels the gRPC call.
 */
final class GrpcAgentChannel implements AgentChannel {
  private static final Logger LOG = LoggerFactory.getLogger(GrpcAgentChannel.class);
  private static final String TRANSPORT = "grpc";

  private final AgentAddress address;
  private final Supplier<ManagedChannel> channelFactory;
  private final Object channelLock = new Object();
  private @Nullable ManagedChannel channel; // guarded by channelLock
  private final ClientContext context;
  private final boolean tls;
  private final ScheduledExecutorService timer;
  private final Runnable onClose;
  private final AtomicBoolean closed = new AtomicBoolean();

  GrpcAgentChannel(
      AgentAddress address,
      Supplier<ManagedChannel> channelFactory,
      ClientContext context,
      boolean tls,
      ScheduledExecutorService timer,
      Runnable onClose) {
    this.address = address;
    this.channelFactory = channelFactory;
    this.context = context;
    this.tls = tls;
    this.timer = timer;
    this.onClose = onClose;
  }

  @Override
  public AgentAddress address() {
    return address;
  }

  @Override
  public CompletableFuture<NodeInfo> nodeInfo(CallOptions options) {
    return call(
        AgentOperation.NODE_INFO,
        GetNodeInfoRequest.getDefaultInstance(),
        response ->
            ProtoMapper.fromProto((io.agenttransport.grpc.internal.proto.NodeInfo) response),
        options);
  }

  @Override
  public CompletableFuture<StoreInfo> storeInfo(CallOptions options) {
    return call(
        AgentOperation.STORE_INFO,
        GetStoreInfoRequest.getDefaultInstance(),
        response ->
            ProtoMapper.fromProto((io.agenttransport.grpc.internal.proto.StoreInfo) response),
        options);
  }

  @Override
  public CompletableFuture<ShardList> shards(CallOptions options) {
    return call(
        AgentOperation.SHARDS,
        ListShardsRequest.getDefaultInstance(),
        response ->
            ProtoMapper.fromProto((io.agenttransport.grpc.internal.proto.ShardList) response),
        options);
  }

  @Override
  public CompletableFuture<ActionList> actionQueue(CallOptions options) {
    return call(
        AgentOperation.ACTION_QUEUE,
        ListActionQueueRequest.getDefaultInstance(),
        GrpcAgentChannel::actionList,
        options);
  }

  @Override
  public CompletableFuture<ActionList> actionsFinished(CallOptions options) {
    return call(
        AgentOperation.ACTIONS_FINISHED,
        ListFinishedActionsRequest.getDefaultInstance(),
        GrpcAgentChannel::actionList,
        options);
  }

  @Override
  public CompletableFuture<ActionRecord> actionLookup(UUID id, CallOptions options) {
    Objects.requireNonNull(id, "id");
    return call(
        AgentOperation.ACTION_LOOKUP,
        LookupActionRequest.newBuilder().setId(id.toString()).build(),
        response ->
            ProtoMapper.fromProto((io.agenttransport.grpc.internal.proto.ActionRecord) response),
        options);
  }

  @Override
  public CompletableFuture<ActionScheduleResponse> scheduleAction(
      ActionScheduleRequest request, CallOptions options) {
    Objects.requireNonNull(request, "request");
    return call(
        AgentOperation.ACTION_SCHEDULE,
        ProtoMapper.toProto(request),
        response ->
            ProtoMapper.fromProto(
                (io.agenttransport.grpc.internal.proto.ScheduleActionResponse) response),
        options);
  }

  private static ActionList actionList(Message response) {
    return ProtoMapper.fromProto((io.agenttransport.grpc.internal.proto.ActionList) response);
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      ManagedChannel built = builtChannel();
      if (built != null) {
        built.shutdownNow();
      }
      onClose.run();
      LOG.debug("closed gRPC channel to {}", address);
    }
  }

  /** Shuts the channel down and waits briefly for its calls to end, when the transport closes. */
  void closeAndWait(Duration timeout) {
    close();
    ManagedChannel built = builtChannel();
    if (built == null) {
      return;
    }
    try {
      built.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private @Nullable ManagedChannel builtChannel() {
    synchronized (channelLock) {
      return channel;
    }
  }

  /** Returns the managed channel, building it on first use; fails once the channel is closed. */
  private ManagedChannel managedChannel(AgentOperation operation) {
    synchronized (channelLock) {
      if (closed.get()) {
        throw new ChannelClosedException(
            "channel is closed; open a new channel to this agent", address, operation, null);
      }
      if (channel == null) {
        channel = channelFactory.get();
      }
      return channel;
    }
  }

  private <T> CompletableFuture<T> call(
      AgentOperation operation, Message request, Function<Message, T> decode, CallOptions options) {
    Objects.requireNonNull(options, "options");
    long started = System.nanoTime();
    CompletableFuture<T> result = new ReportingFuture<>(operation, started);
    try {
      checkBeforeSending(operation);
      byte[] body = request.toByteArray();
      Metadata headers = signatureHeaders(operation, body);
      start(operation, body, headers, options, decode, result);
    } catch (TransportException e) {
      result.completeExceptionally(e);
    }
    return result;
  }

  private void checkBeforeSending(AgentOperation operation) {
    if (closed.get()) {
      throw new ChannelClosedException(
          "channel is closed; open a new channel to this agent", address, operation, null);
    }
    if (operation.isActionOperation() && !tls) {
      throw new RequestRejectedException(
          RejectionReason.PLAINTEXT_ACTION,
          "action operations need mutual TLS; use a grpcs:// agent address",
          address,
          operation);
    }
    if (operation.isStateChanging() && context.signer() == null) {
      throw new RequestRejectedException(
          RejectionReason.SIGNING_KEY_MISSING,
          "core has no signing key; configure the signing section to send actions",
          address,
          operation);
    }
  }

  private Metadata signatureHeaders(AgentOperation operation, byte[] body) {
    Metadata headers = new Metadata();
    RequestSigner signer = context.signer();
    boolean signed = operation.isStateChanging() || context.settings().signAllRequests();
    if (signer == null || !signed) {
      return headers;
    }
    OutboundRequest outbound =
        new OutboundRequest(
            operation,
            GrpcRequests.METHOD,
            address.authority(),
            GrpcMethods.path(operation),
            GrpcRequests.QUERY,
            GrpcRequests.CONTENT_TYPE,
            body);
    for (Map.Entry<String, String> field : signer.sign(outbound).entrySet()) {
      headers.put(
          Metadata.Key.of(field.getKey(), Metadata.ASCII_STRING_MARSHALLER), field.getValue());
    }
    return headers;
  }

  private <T> void start(
      AgentOperation operation,
      byte[] body,
      Metadata headers,
      CallOptions options,
      Function<Message, T> decode,
      CompletableFuture<T> result) {
    Duration deadline = options.effectiveDeadline(context.settings().callTimeout());
    io.grpc.CallOptions callOptions =
        io.grpc.CallOptions.DEFAULT.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS);
    ManagedChannel managed = managedChannel(operation);
    ClientCall<byte[], Message> call = managed.newCall(GrpcMethods.method(operation), callOptions);
    result.whenComplete(
        (value, error) -> {
          if (error instanceof CancellationException) {
            call.cancel("cancelled by the caller", null);
          }
        });
    call.start(new ResponseListener<>(operation, decode, result), headers);
    call.request(1);
    call.sendMessage(body);
    call.halfClose();
    limitConnectAndHandshake(operation, managed, call, result);
  }

  /**
   * Fails the call as unreachable when the channel has no ready connection within the connect and
   * handshake timeouts. gRPC-Java bounds only the TCP connect, so an agent that stalls the TLS
   * handshake would otherwise hold the call until its deadline.
   */
  private void limitConnectAndHandshake(
      AgentOperation operation,
      ManagedChannel managed,
      ClientCall<byte[], Message> call,
      CompletableFuture<?> result) {
    if (managed.getState(false) == ConnectivityState.READY) {
      return;
    }
    Duration limit =
        context.settings().connectTimeout().plus(context.settings().handshakeTimeout());
    ScheduledFuture<?> check =
        timer.schedule(
            () -> {
              if (result.isDone() || managed.getState(false) == ConnectivityState.READY) {
                return;
              }
              result.completeExceptionally(
                  new AgentUnreachableException(
                      "no TLS connection within "
                          + limit
                          + " (connect and handshake timeouts); check that the agent runs and"
                          + " answers the handshake",
                      address,
                      operation,
                      null));
              call.cancel("connect and handshake timed out", null);
            },
            limit.toMillis(),
            TimeUnit.MILLISECONDS);
    result.whenComplete((value, error) -> check.cancel(false));
  }

  private void report(AgentOperation operation, long started, @Nullable Throwable error) {
    Throwable cause = error instanceof CompletionException ? error.getCause() : error;
    String outcome = CallEvent.OK;
    RejectionReason rejection = null;
    if (cause instanceof TransportException transportError) {
      outcome = transportError.kind();
      if (transportError instanceof RequestRejectedException rejected) {
        rejection = rejected.reason();
      }
    } else if (cause instanceof CancellationException) {
      outcome = "cancelled";
    } else if (cause != null) {
      outcome = "error";
    }
    Duration duration = Duration.ofNanos(System.nanoTime() - started);
    CallEvent event =
        new CallEvent(
            CallEvent.Side.CLIENT, operation, address, TRANSPORT, duration, outcome, rejection);
    try {
      context.listener().onCall(event);
    } catch (RuntimeException e) {
      LOG.warn("call listener failed on {} to {}; ignoring it", operation, address, e);
    }
  }

  /**
   * The future returned to the caller. It reports the call to the listener before it completes, so
   * that a caller who sees the result also finds the event. Only the first completion reports.
   */
  private final class ReportingFuture<T> extends CompletableFuture<T> {
    private final AgentOperation operation;
    private final long started;
    private final AtomicBoolean reported = new AtomicBoolean();

    ReportingFuture(AgentOperation operation, long started) {
      this.operation = operation;
      this.started = started;
    }

    @Override
    public boolean complete(T value) {
      reportOnce(null);
      return super.complete(value);
    }

    @Override
    public boolean completeExceptionally(Throwable error) {
      reportOnce(error);
      return super.completeExceptionally(error);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      reportOnce(new CancellationException());
      return super.cancel(mayInterruptIfRunning);
    }

    private void reportOnce(@Nullable Throwable error) {
      if (!isDone() && reported.compareAndSet(false, true)) {
        report(operation, started, error);
      }
    }
  }

  /** Completes the caller's future from the gRPC call's events. */
  private final class ResponseListener<T> extends ClientCall.Listener<Message> {
    private final AgentOperation operation;
    private final Function<Message, T> decode;
    private final CompletableFuture<T> result;
    private @Nullable Message response;

    ResponseListener(
        AgentOperation operation, Function<Message, T> decode, CompletableFuture<T> result) {
      this.operation = operation;
      this.decode = decode;
      this.result = result;
    }

    @Override
    public void onMessage(Message message) {
      response = message;
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
      if (!status.isOk()) {
        result.completeExceptionally(failure(status, trailers));
        return;
      }
      if (response == null) {
        result.completeExceptionally(
            new ProtocolException(
                "agent ended the call without a response", address, operation, null));
        return;
      }
      try {
        result.complete(decode.apply(response));
      } catch (IllegalArgumentException e) {
        result.completeExceptionally(
            new ProtocolException(
                "agent sent an invalid response: " + e.getMessage(), address, operation, e));
      }
    }

    private TransportException failure(Status status, Metadata trailers) {
      if (closed.get()) {
        return new ChannelClosedException(
            "channel was closed during the call", address, operation, status.asException());
      }
      TransportException error = StatusMapping.toException(status, trailers, address, operation);
      LOG.debug("{} on {} failed: {}", operation, address, error.getMessage());
      return error;
    }
  }
}
