package io.agenttransport.api;

import org.jspecify.annotations.Nullable;

/**
 * The base of every error a transport reports, the same for every provider.
 *
 * <p>Futures returned by {@link AgentChannel} complete exceptionally with a subclass; callers that
 * use {@code join()} find it as the cause of a {@link java.util.concurrent.CompletionException}.
 * Messages never contain key material, passwords or signatures.
 */
public abstract class TransportException extends RuntimeException {
  private final @Nullable AgentAddress agent;
  private final @Nullable AgentOperation operation;

  /**
   * Creates an exception.
   *
   * @param message what failed, on which value, and what to do next
   * @param agent the agent involved, if known
   * @param operation the operation involved, if known
   * @param cause the underlying error, if any
   */
  protected TransportException(
      String message,
      @Nullable AgentAddress agent,
      @Nullable AgentOperation operation,
      @Nullable Throwable cause) {
    super(message, cause);
    this.agent = agent;
    this.operation = operation;
  }

  /** Returns the address of the agent involved, if known. */
  public @Nullable AgentAddress agent() {
    return agent;
  }

  /** Returns the operation involved, if known. */
  public @Nullable AgentOperation operation() {
    return operation;
  }

  /** Returns a short stable name of the error kind, for logs and metrics. */
  public abstract String kind();

  /** Returns "operation on agent: " for the start of a message, or an empty string. */
  protected static String where(@Nullable AgentAddress agent, @Nullable AgentOperation operation) {
    if (agent == null && operation == null) {
      return "";
    }
    if (agent == null) {
      return operation + ": ";
    }
    return (operation == null ? "" : operation + " on ") + agent + ": ";
  }
}
