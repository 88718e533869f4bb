package io.agenttransport.grpc;

import io.agenttransport.api.Agent;
import io.agenttransport.grpc.internal.GrpcAgentServer;
import io.agenttransport.grpc.internal.GrpcClientTransport;
import io.agenttransport.spi.AgentServer;
import io.agenttransport.spi.Availability;
import io.agenttransport.spi.ClientContext;
import io.agenttransport.spi.ClientTransport;
import io.agenttransport.spi.ServerContext;
import io.agenttransport.spi.TransportCapability;
import io.agenttransport.spi.TransportProvider;
import java.util.EnumSet;
import java.util.Set;

/**
 * The experimental gRPC transport, named {@code grpc}: the agent API as a protobuf service over
 * gRPC-Java (Netty, shaded) with mutual TLS, and core's request signatures in call metadata.
 *
 * <p>It serves {@code grpcs://} agent addresses, and {@code grpc://} for plain-text information
 * operations only. It is used only when core's configuration names it or an agent address uses one
 * of its schemes, never by default. Options are described in {@link GrpcTransportOptions}.
 */
@Experimental
public final class GrpcTransportProvider implements TransportProvider {
  /** The provider name that core's {@code transport} key selects. */
  public static final String NAME = "grpc";

  private static final String NETTY_CLASS =
      "io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder";

  /** Creates the provider; does no work, as {@link java.util.ServiceLoader} requires. */
  public GrpcTransportProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> schemes() {
    return Set.of("grpcs", "grpc");
  }

  @Override
  public Availability availability() {
    try {
      Class.forName(NETTY_CLASS, false, GrpcTransportProvider.class.getClassLoader());
      return Availability.ok();
    } catch (ClassNotFoundException | LinkageError e) {
      return Availability.unavailable(
          "gRPC-Java's Netty transport is missing from the class path; add the artifact"
              + " io.grpc:grpc-netty-shaded");
    }
  }

  @Override
  public Set<TransportCapability> capabilities() {
    return EnumSet.of(
        TransportCapability.PLAINTEXT,
        TransportCapability.SIGN_ALL_REQUESTS,
        TransportCapability.POOLED_CONNECTIONS);
  }

  @Override
  public ClientTransport createClient(ClientContext context) {
    return GrpcClientTransport.create(context);
  }

  @Override
  public AgentServer startServer(ServerContext context, Agent agent) {
    return GrpcAgentServer.start(context, agent);
  }
}
