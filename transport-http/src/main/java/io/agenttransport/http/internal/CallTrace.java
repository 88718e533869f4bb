package io.agenttransport.http.internal;

import okhttp3.Call;
import okhttp3.EventListener;

/**
 * Records how far one call got, so that a failure can be classified by when it happened.
 *
 * <p>Each request carries its own trace as a tag, and the client's event listener factory hands
 * that trace to OkHttp as the call's listener.
 */
final class CallTrace extends EventListener {
  private volatile boolean handshakeStarted;
  private volatile boolean responseStarted;

  @Override
  public void secureConnectStart(Call call) {
    handshakeStarted = true;
  }

  /** Returns the trace tagged on {@code call}'s request, or a listener that records nothing. */
  static EventListener of(Call call) {
    CallTrace trace = call.request().tag(CallTrace.class);
    return trace == null ? EventListener.NONE : trace;
  }

  @Override
  public void responseHeadersStart(Call call) {
    responseStarted = true;
  }

  /**
   * Returns whether this call started a TLS handshake on a new connection and then failed before
   * any response arrived. A TLS 1.3 agent that rejects core's certificate closes the connection
   * while core is still writing its last handshake flight or its request, so both count.
   */
  boolean failedAfterHandshakeStarted() {
    return handshakeStarted && !responseStarted;
  }
}
