package io.agenttransport.tck.wire;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.security.signature.RequestSigner;

/**
 * The wire hook a provider's test class supplies so that the TCK can capture the exact request core
 * sends and send it again, altered or not, to an agent. Tamper and replay rules need it; without
 * one they are skipped with that reason.
 *
 * <p>{@link HttpWireTap} serves transports that speak HTTP/1.1 over TLS. A transport with another
 * wire format implements this interface with its own framing.
 */
public interface WireTap {
  /** Starts a recorder that core can call as if it were an agent. */
  Recorder startRecorder(TapContext context);

  /**
   * Sends {@code request} to the agent at {@code target}, over TLS with core's certificate when
   * {@code tls} is true, and returns the agent's response.
   */
  WireResponse send(CapturedRequest request, AgentAddress target, boolean tls, TapContext context);

  /**
   * Returns a copy of {@code request} with fresh signature fields from {@code signer}, computed
   * over the request as it now stands, so that a rule can send a validly signed request with a
   * hostile body.
   *
   * @throws UnsupportedOperationException if the transport cannot re-sign captured requests
   */
  default CapturedRequest resign(CapturedRequest request, String authority, RequestSigner signer) {
    throw new UnsupportedOperationException("this wire hook cannot re-sign requests");
  }

  /** Returns whether request bodies on the wire are the agent API's JSON documents. */
  default boolean carriesJsonBodies() {
    return false;
  }

  /** Returns whether the recorder can respond with an HTTP redirect. */
  default boolean supportsRedirects() {
    return false;
  }
}
