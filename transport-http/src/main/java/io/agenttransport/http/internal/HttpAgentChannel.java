package io.agenttransport.http.internal;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentChannel;
import io.agenttransport.api.AgentOperation;
import io.agenttransport.api.CallOptions;
import io.agenttransport.api.ChannelClosedException;
import io.agenttransport.model.ActionList;
import io.agenttransport.model.ActionRecord;
import io.agenttransport.model.ActionScheduleRequest;
import io.agenttransport.model.ActionScheduleResponse;
import io.agenttransport.model.NodeInfo;
import io.agenttransport.model.ShardList;
import io.agenttransport.model.StoreInfo;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Call;

/**
 * Core's channel to one agent over HTTP. It keeps no connection of its own. Calls borrow
 * connections from the transport's shared OkHttp client, so an idle channel costs a few objects.
 */
final class HttpAgentChannel implements AgentChannel {
  private final AgentAddress address;
  private final CallRunner runner;
  private final Runnable onClose;
  private final Set<Call> inFlight = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  HttpAgentChannel(AgentAddress address, CallRunner runner, Runnable onClose) {
    this.address = address;
    this.runner = runner;
    this.onClose = onClose;
  }

  @Override
  public AgentAddress address() {
    return address;
  }

  @Override
  public CompletableFuture<NodeInfo> nodeInfo(CallOptions options) {
    return read(AgentOperation.NODE_INFO, NodeInfo.class, options);
  }

  @Override
  public CompletableFuture<StoreInfo> storeInfo(CallOptions options) {
    return read(AgentOperation.STORE_INFO, StoreInfo.class, options);
  }

  @Override
  public CompletableFuture<ShardList> shards(CallOptions options) {
    return read(AgentOperation.SHARDS, ShardList.class, options);
  }

  @Override
  public CompletableFuture<ActionList> actionQueue(CallOptions options) {
    return read(AgentOperation.ACTION_QUEUE, ActionList.class, options);
  }

  @Override
  public CompletableFuture<ActionList> actionsFinished(CallOptions options) {
    return read(AgentOperation.ACTIONS_FINISHED, ActionList.class, options);
  }

  @Override
  public CompletableFuture<ActionRecord> actionLookup(UUID id, CallOptions options) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(options, "options");
    AgentOperation operation = AgentOperation.ACTION_LOOKUP;
    return runner.run(
        new CallSpec<>(operation, operation.httpPath() + id, null, ActionRecord.class, options),
        this);
  }

  @Override
  public CompletableFuture<ActionScheduleResponse> scheduleAction(
      ActionScheduleRequest request, CallOptions options) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(options, "options");
    AgentOperation operation = AgentOperation.ACTION_SCHEDULE;
    return runner.run(
        new CallSpec<>(
            operation, operation.httpPath(), request, ActionScheduleResponse.class, options),
        this);
  }

  private <T> CompletableFuture<T> read(
      AgentOperation operation, Class<T> type, CallOptions options) {
    Objects.requireNonNull(options, "options");
    return runner.run(new CallSpec<>(operation, operation.httpPath(), null, type, options), this);
  }

  /** Returns whether the channel is closed. */
  boolean isClosed() {
    return closed.get();
  }

  /**
   * Registers a call in flight, or cancels it at once when the channel closed meanwhile.
   *
   * @return whether the call was registered
   */
  boolean register(Call call) {
    inFlight.add(call);
    if (closed.get()) {
      inFlight.remove(call);
      call.cancel();
      return false;
    }
    return true;
  }

  /** Forgets a finished call. */
  void unregister(Call call) {
    inFlight.remove(call);
  }

  /** Returns the error for a call made on or interrupted by a closed channel. */
  ChannelClosedException closedError(AgentOperation operation) {
    return new ChannelClosedException(
        "channel is closed; open a new channel from an open transport", address, operation, null);
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (Call call : inFlight) {
      call.cancel();
    }
    inFlight.clear();
    onClose.run();
  }

  @Override
  public String toString() {
    return "HttpAgentChannel[" + address + (closed.get() ? ", closed" : "") + "]";
  }
}
