package io.agenttransport.cli.core;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.TransportException;
import io.agenttransport.model.ActionList;
import io.agenttransport.model.NodeInfo;
import io.agenttransport.model.ShardList;
import io.agenttransport.model.StoreInfo;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * The result of one agent's sync: every piece of information, or the error that stopped it.
 *
 * @param address the agent's address
 * @param data the agent's information, or {@code null} when the sync failed
 * @param error the first error, or {@code null} when the sync succeeded
 */
public record AgentSnapshot(AgentAddress address, @Nullable Data data, @Nullable Throwable error) {
  /** Validates that exactly one of data and error is set. */
  public AgentSnapshot {
    Objects.requireNonNull(address, "address");
    if ((data == null) == (error == null)) {
      throw new IllegalArgumentException("exactly one of data and error must be set");
    }
  }

  /** Returns a successful snapshot. */
  public static AgentSnapshot of(AgentAddress address, Data data) {
    return new AgentSnapshot(address, data, null);
  }

  /** Returns a failed snapshot, unwrapping the future's wrapper exceptions. */
  public static AgentSnapshot failed(AgentAddress address, Throwable error) {
    return new AgentSnapshot(address, null, unwrap(error));
  }

  /** Returns whether the sync succeeded. */
  public boolean succeeded() {
    return data != null;
  }

  /**
   * Returns the error kind: the framework's kind such as {@code unreachable}, or {@code error} for
   * any other failure.
   */
  public String errorKind() {
    if (error == null) {
      return "";
    }
    return error instanceof TransportException transport ? transport.kind() : "error";
  }

  /** Returns the error's message, or its class name when it has none. */
  public String errorMessage() {
    if (error == null) {
      return "";
    }
    String message = error.getMessage();
    return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
  }

  /** Returns the cause of the wrappers that futures add, or {@code error} itself. */
  public static Throwable unwrap(Throwable error) {
    Throwable current = error;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  /**
   * The information one agent returned.
   *
   * @param node the node information
   * @param store the datastore information
   * @param shards the shards
   * @param queue the actions waiting or running
   * @param finished the finished actions
   */
  public record Data(
      NodeInfo node, StoreInfo store, ShardList shards, ActionList queue, ActionList finished) {}
}
