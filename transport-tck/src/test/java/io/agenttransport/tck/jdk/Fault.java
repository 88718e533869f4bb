package io.agenttransport.tck.jdk;

/** One deliberate fault of the test provider, to prove that the TCK catches it. */
enum Fault {
  /** The agent never hands requests to the guard's signature and replay checks. */
  SKIP_SIGNATURE_CHECK,
  /** Core's client trusts any agent certificate. */
  TRUST_ANY_CERTIFICATE,
  /** The agent requests client certificates but does not require them. */
  WANT_CLIENT_AUTH,
  /** The agent passes only the first value of each header field to the guard. */
  FIRST_FIELD_VALUE_ONLY,
  /** The agent lets a replayed nonce through. */
  IGNORE_REPLAYED_NONCE,
  /** Core's client gives every schedule request a new action id, so retries are not idempotent. */
  NEW_ACTION_ID_PER_SEND,
  /** Actions are served and sent on plain-text channels. */
  PLAINTEXT_ACTIONS,
  /** The agent server reports actions enabled whatever the guard decided. */
  MISREPORTED_ACTIONS,
  /** The agent reads bodies of any size. */
  NO_BODY_LIMIT,
  /** Core's client maps 404 and 409 to the generic agent error. */
  WRONG_ERROR_MAPPING,
  /** Closing a channel leaves it usable. */
  LEAKY_CLOSE
}
