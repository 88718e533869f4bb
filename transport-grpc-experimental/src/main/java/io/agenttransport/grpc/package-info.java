/**
 * The experimental gRPC transport: a {@link io.agenttransport.grpc.GrpcTransportProvider} named
 * {@code grpc} that serves the agent API over gRPC-Java with mutual TLS and signed requests.
 *
 * <p>Everything here is {@link io.agenttransport.grpc.Experimental}: it may change or go away in
 * any release. The provider is chosen only by its name or by the {@code grpcs} and {@code grpc}
 * address schemes, never by default.
 */
@Experimental
@NullMarked
package io.agenttransport.grpc;

import org.jspecify.annotations.NullMarked;
