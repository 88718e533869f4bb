package io.agenttransport.tck.wire;

import java.nio.charset.StandardCharsets;

/**
 * The response of an agent to a resent request.
 *
 * @param status the HTTP status, or the transport's equivalent mapped to one (for gRPC, {@code OK}
 *     is 200, {@code UNAUTHENTICATED} 401, {@code PERMISSION_DENIED} 403, {@code INVALID_ARGUMENT}
 *     400, {@code RESOURCE_EXHAUSTED} 429); 0 when the agent closed the connection without a
 *     response
 * @param body the response body
 */
public record WireResponse(int status, byte[] body) {
  /** Copies the body. */
  public WireResponse {
    body = body.clone();
  }

  /** Returns whether the agent accepted the request (status 2xx). */
  public boolean accepted() {
    return status >= 200 && status < 300;
  }

  /** Returns the body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "WireResponse[status=" + status + ", body=" + bodyText() + "]";
  }
}
