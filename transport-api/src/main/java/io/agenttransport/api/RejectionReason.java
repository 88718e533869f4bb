package io.agenttransport.api;

/**
 * The reason the security policy rejected a request. Each reason has the HTTP status an HTTP agent
 * returns for it, and other transports map it to their own equivalent.
 */
public enum RejectionReason {
  /** A state-changing request carried no signature. */
  SIGNATURE_MISSING(401),
  /** The signature did not verify, or its syntax was invalid. */
  SIGNATURE_INVALID(401),
  /** The body does not match its content digest, or the digest is missing. */
  DIGEST_MISMATCH(401),
  /** The signature does not cover a component or parameter that the policy requires. */
  COMPONENT_NOT_COVERED(401),
  /** The key id is not among the trusted keys. */
  UNKNOWN_KEY(401),
  /** The algorithm named in the message differs from the one pinned for the key id. */
  ALGORITHM_MISMATCH(401),
  /** A covered header was duplicated or contained a line break. */
  AMBIGUOUS_COMPONENT(400),
  /** The signature is for another agent, application or message kind. */
  WRONG_AUDIENCE(401),
  /** {@code created} is older than the maximum age, or before the agent started. */
  SIGNATURE_TOO_OLD(401),
  /** {@code created} is further in the future than the allowed clock skew. */
  CREATED_IN_FUTURE(401),
  /** {@code expires} has passed or the validity span is longer than the policy allows. */
  SIGNATURE_EXPIRED(401),
  /** The nonce was already used inside the window. */
  REPLAYED_NONCE(401),
  /** The nonce cache is full; the agent fails closed until entries expire. */
  NONCE_CACHE_FULL(503),
  /** An action operation arrived on a channel without mutual TLS. */
  PLAINTEXT_ACTION(403),
  /** The action system is disabled on this agent. */
  ACTIONS_DISABLED(403),
  /** Core has no signing key configured, so it may not send actions. */
  SIGNING_KEY_MISSING(403),
  /** The body exceeds the configured limit. */
  BODY_TOO_LARGE(413),
  /** The request is malformed: invalid JSON, duplicate keys, over-deep nesting or bad syntax. */
  MALFORMED_REQUEST(400),
  /** The request used a message format or protocol version that is not supported. */
  UNSUPPORTED_VERSION(400);

  private final int httpStatus;

  RejectionReason(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  /** Returns the HTTP status an HTTP agent returns for this reason. */
  public int httpStatus() {
    return httpStatus;
  }
}
