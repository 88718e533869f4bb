package io.agenttransport.http.internal;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentOperation;
import io.agenttransport.api.CallEvent;
import io.agenttransport.api.CallListener;
import io.agenttransport.api.CallTimeoutException;
import io.agenttransport.api.RejectionReason;
import io.agenttransport.api.RequestRejectedException;
import io.agenttransport.api.TransportException;
import io.agenttransport.config.ClientSettings;
import io.agenttransport.config.ConnectionMode;
import io.agenttransport.json.AgentJson;
import io.agenttransport.security.OutboundRequest;
import io.agenttransport.security.signature.RequestSigner;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs calls for every channel of one client transport: applies the action policy, signs, sends
 * asynchronously, decodes the response and reports one {@link CallEvent} per call.
 */
final class CallRunner {
  private static final Logger LOG = LoggerFactory.getLogger(CallRunner.class);
  private static final MediaType JSON = MediaType.get(HttpWire.JSON_MEDIA_TYPE);

  private final OkHttpClient client;
  private final ClientSettings settings;
  private final boolean tlsConfigured;
  private final @Nullable RequestSigner signer;
  private final CallListener listener;
  private final ResponseDecoder decoder;
  private final FailureMapper failures;

  CallRunner(
      OkHttpClient client,
      ClientSettings settings,
      boolean tlsConfigured,
      @Nullable RequestSigner signer,
      CallListener listener) {
    this.client = client;
    this.settings = settings;
    this.tlsConfigured = tlsConfigured;
    this.signer = signer;
    this.listener = listener;
    this.decoder = new ResponseDecoder(settings.maxResponseBytes());
    this.failures = new FailureMapper(settings.connectTimeout(), settings.handshakeTimeout());
  }

  /** Starts {@code spec} on {@code channel} and returns its future at once. */
  <T> CompletableFuture<T> run(CallSpec<T> spec, HttpAgentChannel channel) {
    CallFuture<T> future = new CallFuture<>(spec, channel.address());
    if (channel.isClosed()) {
      future.completeExceptionally(channel.closedError(spec.operation()));
      return future;
    }
    Request request;
    try {
      request = buildRequest(spec, channel.address());
    } catch (TransportException e) {
      logFailure(spec.operation(), channel.address(), e);
      future.completeExceptionally(e);
      return future;
    }
    Call call = client.newCall(request);
    Duration deadline = spec.options().effectiveDeadline(settings.callTimeout());
    call.timeout().timeout(Math.max(1, deadline.toNanos()), TimeUnit.NANOSECONDS);
    future.attach(call);
    if (channel.register(call)) {
      call.enqueue(new ResponseCallback<>(spec, channel, future, deadline));
    } else {
      future.completeExceptionally(channel.closedError(spec.operation()));
    }
    return future;
  }

  private Request buildRequest(CallSpec<?> spec, AgentAddress address) {
    AgentOperation operation = spec.operation();
    boolean tls = "https".equals(address.scheme()) && tlsConfigured;
    boolean signed = operation.isStateChanging() || settings.signAllRequests();
    checkPolicy(operation, tls, signed, address);

    byte[] body = spec.body() == null ? null : encode(spec.body(), address, operation);
    Request.Builder builder =
        new Request.Builder()
            .url(url(address, spec.path()))
            .tag(CallTrace.class, new CallTrace())
            .header("Host", address.authority())
            .header("Accept", HttpWire.JSON_MEDIA_TYPE)
            // Identity encoding keeps the response bytes as the agent sent them and lets the
            // size limit apply to what is on the wire.
            .header("Accept-Encoding", "identity");
    if (settings.connectionMode() == ConnectionMode.PER_CALL) {
      builder.header("Connection", "close");
    }
    if (signed) {
      sign(builder, spec, address, body);
    }
    if (body == null) {
      builder.method(operation.httpMethod(), null);
    } else {
      builder.method(operation.httpMethod(), RequestBody.create(body, JSON));
    }
    return builder.build();
  }

  /** Rejects before sending what the action policy forbids on this channel. */
  private void checkPolicy(
      AgentOperation operation, boolean tls, boolean signed, AgentAddress address) {
    if (operation.isActionOperation() && !tls) {
      throw new RequestRejectedException(
          RejectionReason.PLAINTEXT_ACTION,
          "action operations need an https:// agent address and the tls section"
              + " (tls.ca_bundle, tls.client_key); not sent",
          address,
          operation);
    }
    if (signed && !tls) {
      throw new RequestRejectedException(
          RejectionReason.PLAINTEXT_ACTION,
          "client.sign_all_requests is set, so every request needs an https:// agent address and"
              + " the tls section; not sent",
          address,
          operation);
    }
    if (signed && signer == null) {
      throw new RequestRejectedException(
          RejectionReason.SIGNING_KEY_MISSING,
          "this request must be signed but no signing key is configured; set signing.key_id"
              + " and signing.key; not sent",
          address,
          operation);
    }
  }

  private static byte[] encode(Object value, AgentAddress address, AgentOperation operation) {
    try {
      return AgentJson.encode(value);
    } catch (IllegalArgumentException e) {
      throw new RequestRejectedException(
          RejectionReason.MALFORMED_REQUEST,
          "the request cannot be encoded: " + e.getMessage(),
          address,
          operation);
    }
  }

  private void sign(
      Request.Builder builder, CallSpec<?> spec, AgentAddress address, byte @Nullable [] body) {
    OutboundRequest outbound =
        new OutboundRequest(
            spec.operation(),
            spec.operation().httpMethod(),
            address.authority(),
            spec.path(),
            HttpWire.EMPTY_QUERY,
            body == null ? null : HttpWire.JSON_MEDIA_TYPE,
            body == null ? new byte[0] : body);
    Map<String, String> fields;
    try {
      fields = signer.sign(outbound);
    } catch (RuntimeException e) {
      throw new RequestRejectedException(
          RejectionReason.SIGNATURE_INVALID,
          "core could not sign the request (" + e.getClass().getSimpleName() + "); not sent",
          address,
          spec.operation());
    }
    fields.forEach(builder::header);
  }

  private static HttpUrl url(AgentAddress address, String path) {
    return new HttpUrl.Builder()
        .scheme(address.scheme())
        .host(address.host())
        .port(address.port())
        .encodedPath(path)
        .build();
  }

  /** Logs a failed call; messages of the framework's exceptions hold no secrets. */
  private static void logFailure(
      AgentOperation operation, AgentAddress address, TransportException error) {
    if (error instanceof RequestRejectedException) {
      LOG.warn("{} on agent {} rejected: {}", operation, address, error.getMessage());
    } else {
      LOG.warn("Call failed: {}", error.getMessage());
    }
  }

  /**
   * A call's future that reports the call's event before it completes, so that the event is
   * recorded by the time a caller sees the result, and that cancels the OkHttp call when cancelled.
   */
  private final class CallFuture<T> extends CompletableFuture<T> {
    private final CallSpec<T> spec;
    private final AgentAddress address;
    private final long startNanos = System.nanoTime();
    private final AtomicBoolean reported = new AtomicBoolean();
    private volatile @Nullable Call call;

    CallFuture(CallSpec<T> spec, AgentAddress address) {
      this.spec = spec;
      this.address = address;
    }

    /** Links the OkHttp call, so that cancelling this future cancels it. */
    void attach(Call newCall) {
      call = newCall;
      if (isCancelled()) {
        newCall.cancel();
      }
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
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      if (cancelled) {
        reportOnce(new CancellationException());
        Call current = call;
        if (current != null) {
          current.cancel();
        }
      }
      return cancelled;
    }

    private void reportOnce(@Nullable Throwable error) {
      if (reported.compareAndSet(false, true)) {
        report(spec, address, startNanos, error);
      }
    }
  }

  private void report(
      CallSpec<?> spec, AgentAddress address, long startNanos, @Nullable Throwable error) {
    Throwable cause = error instanceof CompletionException ? error.getCause() : error;
    String outcome = CallEvent.OK;
    RejectionReason rejection = null;
    if (cause instanceof TransportException transportError) {
      outcome = transportError.kind();
    } else if (cause instanceof CancellationException) {
      outcome = "cancelled";
    } else if (cause != null) {
      outcome = "internal-error";
    }
    if (cause instanceof RequestRejectedException rejected) {
      rejection = rejected.reason();
    }
    CallEvent event =
        new CallEvent(
            CallEvent.Side.CLIENT,
            spec.operation(),
            address,
            HttpWire.TRANSPORT_NAME,
            Duration.ofNanos(System.nanoTime() - startNanos),
            outcome,
            rejection);
    try {
      listener.onCall(event);
    } catch (RuntimeException e) {
      LOG.warn("Call listener failed on {} for agent {}; ignored", spec.operation(), address, e);
    }
  }

  /** Completes a call's future from OkHttp's callback thread. */
  private final class ResponseCallback<T> implements Callback {
    private final CallSpec<T> spec;
    private final HttpAgentChannel channel;
    private final CompletableFuture<T> future;
    private final Duration deadline;

    ResponseCallback(
        CallSpec<T> spec,
        HttpAgentChannel channel,
        CompletableFuture<T> future,
        Duration deadline) {
      this.spec = spec;
      this.channel = channel;
      this.future = future;
      this.deadline = deadline;
    }

    @Override
    public void onResponse(Call call, Response response) {
      AgentAddress address = channel.address();
      try (response) {
        future.complete(decoder.decode(response, spec.responseType(), address, spec.operation()));
      } catch (TransportException e) {
        logFailure(spec.operation(), address, e);
        future.completeExceptionally(e);
      } catch (IOException e) {
        fail(call, e);
      } catch (RuntimeException e) {
        LOG.error("{} on agent {} failed unexpectedly", spec.operation(), address, e);
        future.completeExceptionally(e);
      } finally {
        channel.unregister(call);
      }
    }

    @Override
    public void onFailure(Call call, IOException error) {
      try {
        fail(call, error);
      } finally {
        channel.unregister(call);
      }
    }

    private void fail(Call call, IOException error) {
      AgentAddress address = channel.address();
      AgentOperation operation = spec.operation();
      if (future.isCancelled()) {
        LOG.debug("{} on agent {} cancelled by the caller", operation, address);
        return;
      }
      TransportException mapped;
      if (channel.isClosed()) {
        mapped = channel.closedError(operation);
      } else if (call.isCanceled()) {
        // Only the call timeout cancels a call that neither the caller nor close() cancelled.
        mapped =
            new CallTimeoutException(
                "no complete response within the deadline of "
                    + deadline
                    + "; raise client.call_timeout or the call's deadline if the agent is slow",
                address,
                operation,
                error);
      } else {
        mapped = failures.map(error, address, operation, call.request().tag(CallTrace.class));
      }
      logFailure(operation, address, mapped);
      LOG.debug("{} on agent {} failed with", operation, address, error);
      future.completeExceptionally(mapped);
    }
  }
}
