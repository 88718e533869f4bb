package io.agenttransport.cli.demo;

import io.agenttransport.api.RequestRejectedException;
import io.agenttransport.api.TransportException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Names the errors the demo expects, in the words the framework uses. */
final class Errors {
  private Errors() {}

  /** Returns the cause of the wrappers that futures add. */
  static Throwable unwrap(Throwable error) {
    Throwable current = error;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  /**
   * Returns the short name of an error: the rejection reason of a rejected request, the kind of
   * another transport error, or the class name of anything else.
   */
  static String name(Throwable error) {
    Throwable cause = unwrap(error);
    if (cause instanceof RequestRejectedException rejected) {
      return rejected.reason().name();
    }
    if (cause instanceof TransportException transport) {
      return transport.kind();
    }
    return cause.getClass().getSimpleName();
  }

  /** Returns the name and message of an error, for a failed step. */
  static String describe(Throwable error) {
    Throwable cause = unwrap(error);
    return name(cause) + " (" + cause.getMessage() + ")";
  }
}
