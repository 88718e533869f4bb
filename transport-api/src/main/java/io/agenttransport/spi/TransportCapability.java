package io.agenttransport.spi;

/** Optional capabilities a provider may declare; the TCK skips tests of those it lacks. */
public enum TransportCapability {
  /** Serves and calls agents over plain text, for information operations only. */
  PLAINTEXT,
  /** Signs every request, not only the state-changing ones, when configured. */
  SIGN_ALL_REQUESTS,
  /** Offers TLS 1.2 when configured. */
  TLS_1_2,
  /** Closes connections after a burst of calls (the default connection mode of HTTP). */
  SHORT_LIVED_CONNECTIONS,
  /** Keeps connections open for a configured idle time. */
  POOLED_CONNECTIONS,
  /** Uses TLS session resumption for new connections to a known agent. */
  SESSION_RESUMPTION
}
