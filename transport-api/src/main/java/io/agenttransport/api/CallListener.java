package io.agenttransport.api;

/**
 * Receives one {@link CallEvent} per finished call, on either side of the link, so that an
 * application can feed its metrics or tracing library.
 *
 * <p>Called on transport threads: implementations must be fast and thread safe, and must not throw
 * (an exception is logged and ignored).
 */
@FunctionalInterface
public interface CallListener {
  /** A listener that does nothing. */
  CallListener NONE = event -> {};

  /** Receives one finished call. */
  void onCall(CallEvent event);
}
