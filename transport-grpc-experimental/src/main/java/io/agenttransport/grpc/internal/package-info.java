/**
 * The implementation of the gRPC transport: protobuf mapping, client channels, the agent server,
 * TLS contexts and status mapping. Not an API: nothing outside this module may import it.
 */
@NullMarked
package io.agenttransport.grpc.internal;

import org.jspecify.annotations.NullMarked;
