package io.agenttransport.http.internal;

import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.Handshake;
import org.jspecify.annotations.Nullable;

/**
 * Records how far one call got, so that a failure can be classified by when it happened.
 *
 * <p>Each request carries its own trace as a tag, and the client's event listener factory hands
 * that trace to OkHttp as the call's listener.
 */
final class CallTrace extends EventListener {
  private volatile boolean handshakeCompleted;
  private volatile boolean responseStarted;

  /** Returns the trace tagged on {@code call}'s request, or a listener that records nothing. */
  static EventListener of(Call call) {
    CallTrace trace = call.request().tag(CallTrace.class);
    return trace == null ? EventListener.NONE : trace;
  }

  @Override
  public void secureConnectEnd(Call call, @Nullable Handshake handshake) {
    handshakeCompleted = true;
  }

  @Override
  public void responseHeadersStart(Call call) {
    responseStarted = true;
  }

  /**
   * Returns whether this call completed a TLS handshake on a new connection and then failed before
   * any response arrived.
   */
  boolean failedAfterHandshake() {
    return handshakeCompleted && !responseStarted;
  }
}
