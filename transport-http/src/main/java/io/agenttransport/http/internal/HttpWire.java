package io.agenttransport.http.internal;

/** Names and values of the agent HTTP API that both sides of the transport share. */
public final class HttpWire {
  /** The provider name, reported in every call event. */
  public static final String TRANSPORT_NAME = "http";

  /** The response header that carries the {@link io.agenttransport.api.RejectionReason} name. */
  public static final String REJECTION_HEADER = "agent-transport-rejection";

  /** The media type of every request and response body of the agent HTTP API. */
  public static final String JSON_MEDIA_TYPE = "application/json";

  /** The {@code @query} component of a request without a query. */
  public static final String EMPTY_QUERY = "?";

  private HttpWire() {}
}
