package io.agenttransport.http.internal;

import io.agenttransport.api.CallEvent;
import io.agenttransport.api.RejectionReason;
import io.agenttransport.json.AgentJson;
import io.agenttransport.model.ErrorBody;
import org.jspecify.annotations.Nullable;

/**
 * The response the agent server sends for one request.
 *
 * @param status the HTTP status
 * @param body the JSON body, empty for none
 * @param rejection the policy's reason when the request was rejected, sent as a header
 * @param outcome the call event outcome: {@code ok} or a {@link
 *     io.agenttransport.api.TransportException#kind()}
 */
record Reply(int status, byte[] body, @Nullable RejectionReason rejection, String outcome) {
  /** Returns a 200 reply with {@code value} encoded as JSON. */
  static Reply ok(Object value) {
    return new Reply(200, AgentJson.encode(value), null, CallEvent.OK);
  }

  /** Returns an error reply with the agent API error body. */
  static Reply error(int status, ErrorBody body, String outcome) {
    return new Reply(status, AgentJson.encode(body), null, outcome);
  }

  /** Returns a reply that carries a rejection of the security policy. */
  static Reply rejected(RejectionReason reason, String message) {
    return new Reply(
        reason.httpStatus(), AgentJson.encode(ErrorBody.of(message)), reason, "rejected");
  }

  /** Returns a 404 reply with an empty body. */
  static Reply notFound() {
    return new Reply(404, new byte[0], null, "not-found");
  }
}
