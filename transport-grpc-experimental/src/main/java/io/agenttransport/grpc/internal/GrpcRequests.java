package io.agenttransport.grpc.internal;

/**
 * The derived signature components of a gRPC request, the same on both ends.
 *
 * <p>Every gRPC call is an HTTP/2 POST to "/" and the full method name, without a query, so core
 * signs these values and the agent reports them as received. The {@code @authority} component is
 * the {@code host:port} of the agent address.
 */
final class GrpcRequests {
  /** The {@code @method} component of every gRPC call. */
  static final String METHOD = "POST";

  /** The {@code @query} component: gRPC calls have no query. */
  static final String QUERY = "?";

  /** The content type that gRPC-Java sends and that the agent checks before a call reaches it. */
  static final String CONTENT_TYPE = "application/grpc";

  private GrpcRequests() {}
}
