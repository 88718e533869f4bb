package io.agenttransport.security.signature;

import io.agenttransport.config.CoreConfig;
import io.agenttransport.security.OutboundRequest;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Signs core's requests with RFC 9421 HTTP Message Signatures and an RFC 9530 {@code
 * Content-Digest}. Thread safe.
 */
public final class RequestSigner {
  // TODO: implement (security work in progress)

  private RequestSigner() {}

  /**
   * Creates a signer for core's key.
   *
   * @param keyId the key id agents know the key by
   * @param key core's private key; its type fixes the algorithm
   * @param clock the clock for {@code created} and {@code expires}
   */
  public static RequestSigner create(String keyId, PrivateKey key, Clock clock) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * Creates the signer that core's configuration names, or returns {@code null} when it has no
   * {@code signing} section.
   *
   * @throws io.agenttransport.config.ConfigException if the key cannot be read
   */
  public static @Nullable RequestSigner fromConfig(CoreConfig config, Clock clock) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Returns the key id. */
  public String keyId() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Returns the algorithm, which follows the key type. */
  public SignatureAlgorithm algorithm() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * Returns the fields to add to the request, lower-case name to value, in the order they should be
   * sent: {@code content-digest} (when there is a body), {@code signature-input} and {@code
   * signature}.
   */
  public Map<String, String> sign(OutboundRequest request) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
