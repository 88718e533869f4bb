package io.agenttransport.security;

import io.agenttransport.api.AgentOperation;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What core is about to send, handed to {@link
 * io.agenttransport.security.signature.RequestSigner#sign} to obtain the signature fields.
 *
 * @param operation the operation
 * @param method the {@code @method} component, such as {@code POST}
 * @param authority the {@code @authority} component, {@code host:port} of the agent address
 * @param path the {@code @path} component
 * @param query the {@code @query} component, {@code ?} when there is no query
 * @param contentType the {@code content-type} field, or {@code null} without a body
 * @param body the body bytes exactly as they will be sent; empty when there is none
 */
public record OutboundRequest(
    AgentOperation operation,
    String method,
    String authority,
    String path,
    String query,
    @Nullable String contentType,
    byte[] body) {
  /** Validates the components. */
  public OutboundRequest {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(authority, "authority");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(body, "body");
  }
}
