package io.agenttransport.grpc.internal;

import com.google.protobuf.Message;
import io.agenttransport.api.Agent;
import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentOperation;
import io.agenttransport.config.ConfigException;
import io.agenttransport.config.ServerSettings;
import io.agenttransport.grpc.GrpcTransportOptions;
import io.agenttransport.grpc.internal.proto.AgentServiceGrpc;
import io.agenttransport.security.tls.ServerTlsMaterial;
import io.agenttransport.spi.AgentServer;
import io.agenttransport.spi.ServerContext;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent's gRPC server. The service is built by hand from {@link GrpcMethods} so that each
 * handler receives the request bytes exactly as they arrived. Action methods are registered only
 * when the guard enables actions, so that otherwise gRPC returns {@code UNIMPLEMENTED} for them.
 */
public final class GrpcAgentServer implements AgentServer {
  private static final Logger LOG = LoggerFactory.getLogger(GrpcAgentServer.class);
  private static final long CLOSE_GRACE_MILLIS = 2_000;

  private final Server server;
  private final AgentAddress boundAddress;
  private final boolean actionsEnabled;
  private final AtomicBoolean closed = new AtomicBoolean();

  private GrpcAgentServer(Server server, AgentAddress boundAddress, boolean actionsEnabled) {
    this.server = server;
    this.boundAddress = boundAddress;
    this.actionsEnabled = actionsEnabled;
  }

  /**
   * Starts serving {@code agent} and returns once the server is bound.
   *
   * @throws ConfigException if an option is invalid or the TLS material cannot be used
   * @throws UncheckedIOException if the address cannot be bound
   */
  public static GrpcAgentServer start(ServerContext context, Agent agent) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(agent, "agent");
    GrpcTransportOptions options = GrpcTransportOptions.parse(context.options());
    boolean actions = context.guard().actionsEnabled();
    String scheme = context.tls() == null ? "grpc" : "grpcs";
    AgentAddress[] bound = new AgentAddress[1];
    AgentServiceHandler handler = new AgentServiceHandler(context, agent, () -> bound[0]);

    Server server = builder(context, options).addService(service(handler, actions)).build();
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "failed to bind the gRPC agent server to "
              + context.settings().bindHost()
              + ":"
              + context.settings().port()
              + "; choose a free port or another bind_host",
          e);
    }
    bound[0] = new AgentAddress(scheme, context.settings().bindHost(), server.getPort());
    LOG.info(
        "gRPC agent server listening on {}; actions {} ({})",
        bound[0],
        actions ? "enabled" : "disabled",
        context.guard().actionsReason());
    return new GrpcAgentServer(server, bound[0], actions);
  }

  // NOTE: ServerSettings.headerTimeout and maxConnections have no gRPC-Java equivalent and are not
  // enforced by this transport. HTTP/2 keep-alive and max connection idle bound idle connections.
  private static NettyServerBuilder builder(ServerContext context, GrpcTransportOptions options) {
    ServerSettings settings = context.settings();
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress(settings.bindHost(), settings.port()))
            .maxInboundMessageSize((int) Math.min(Integer.MAX_VALUE, settings.maxRequestBytes()))
            .handshakeTimeout(settings.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .maxConnectionIdle(settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .permitKeepAliveTime(options.keepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
            .permitKeepAliveWithoutCalls(false);
    ServerTlsMaterial tls = context.tls();
    if (tls != null) {
      try {
        builder.sslContext(TlsContexts.server(tls));
      } catch (SSLException e) {
        throw new ConfigException(
            "tls", "TLS material cannot be used by the gRPC transport: " + e.getMessage(), e);
      }
    }
    return builder;
  }

  private static ServerServiceDefinition service(AgentServiceHandler handler, boolean actions) {
    ServerServiceDefinition.Builder service =
        ServerServiceDefinition.builder(AgentServiceGrpc.SERVICE_NAME);
    for (AgentOperation operation : AgentOperation.values()) {
      if (operation.isActionOperation() && !actions) {
        continue;
      }
      service.addMethod(
          GrpcMethods.method(operation),
          ServerCalls.<byte[], Message>asyncUnaryCall(
              (body, responses) -> handler.serve(operation, body, responses)));
    }
    return ServerInterceptors.intercept(service.build(), CallFacts.interceptor());
  }

  @Override
  public AgentAddress boundAddress() {
    return boundAddress;
  }

  @Override
  public boolean actionsEnabled() {
    return actionsEnabled;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.shutdown();
    try {
      if (!server.awaitTermination(CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
    LOG.info("gRPC agent server on {} stopped", boundAddress);
  }
}
