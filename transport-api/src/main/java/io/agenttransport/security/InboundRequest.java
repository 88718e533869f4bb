package io.agenttransport.security;

import io.agenttransport.api.AgentOperation;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an agent's transport saw of one request, handed to {@link RequestGuard#check} before the
 * agent sees the request.
 *
 * <p>The provider reports facts only; the framework decides. Derived components use the names of
 * RFC 9421 ({@code @method}, {@code @authority}, {@code @path}, {@code @query}); transports other
 * than HTTP fill them with their equivalents (for gRPC, {@code @path} is the full method name).
 *
 * @param operation the operation the request maps to
 * @param tls whether the request arrived over TLS
 * @param peerCertificates the client's verified certificate chain, leaf first; empty without client
 *     authentication
 * @param localAddress the address the request arrived on
 * @param derivedComponents {@code @method}, {@code @authority}, {@code @path} and {@code @query} as
 *     received
 * @param fields header fields or metadata, lower-case name to every value received in order, so
 *     that duplicates can be detected; includes {@code signature-input}, {@code signature} and
 *     {@code content-digest} when present
 * @param body the request body exactly as received; empty when there is none
 */
public record InboundRequest(
    AgentOperation operation,
    boolean tls,
    List<X509Certificate> peerCertificates,
    InetSocketAddress localAddress,
    Map<String, String> derivedComponents,
    Map<String, List<String>> fields,
    byte[] body) {
  /** Validates the components and copies the collections. */
  public InboundRequest {
    Objects.requireNonNull(operation, "operation");
    peerCertificates = List.copyOf(peerCertificates);
    Objects.requireNonNull(localAddress, "localAddress");
    derivedComponents = Map.copyOf(derivedComponents);
    fields = Map.copyOf(fields);
    Objects.requireNonNull(body, "body");
  }

  /** Returns whether the client presented a certificate that TLS verified. */
  public boolean clientAuthenticated() {
    return tls && !peerCertificates.isEmpty();
  }
}
