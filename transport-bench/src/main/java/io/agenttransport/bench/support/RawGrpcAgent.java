package io.agenttransport.bench.support;

import io.agenttransport.api.Agent;
import io.agenttransport.api.AgentAddress;
import io.agenttransport.bench.grpc.Address;
import io.agenttransport.bench.grpc.BenchAgentGrpc;
import io.agenttransport.bench.grpc.NodeInfoReply;
import io.agenttransport.bench.grpc.NodeInfoRequest;
import io.agenttransport.bench.grpc.Version;
import io.agenttransport.model.JsonValue;
import io.agenttransport.model.NodeAddress;
import io.agenttransport.model.NodeInfo;
import io.agenttransport.model.NodeStatus;
import io.agenttransport.model.VersionInfo;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.TlsChannelCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * The raw gRPC baseline: a gRPC-Java server and blocking stub on a protobuf of this module, with
 * mutual TLS from the same managers as the other baselines. Each call converts to and from the
 * agent API model and does nothing else.
 */
public final class RawGrpcAgent implements AutoCloseable {
  /** The TLS implementation under gRPC's Netty transport, on both sides. */
  public enum TlsEngine {
    /** The JDK's {@code SSLEngine}, which the framework's gRPC provider uses. */
    JDK,
    /** gRPC's own choice: BoringSSL through the netty-tcnative classes in grpc-netty-shaded. */
    GRPC_DEFAULT
  }

  private static final String PROTOCOL = "TLSv1.3";

  private final Server server;

  private RawGrpcAgent(Server server) {
    this.server = server;
  }

  /**
   * Starts serving {@code agent} on a free port of 127.0.0.1 with TLS from {@code engine},
   * requiring client certificates.
   */
  public static RawGrpcAgent start(Agent agent, RawTls tls, TlsEngine engine) {
    InetSocketAddress address = new InetSocketAddress("127.0.0.1", 0);
    NettyServerBuilder builder;
    if (engine == TlsEngine.JDK) {
      builder = NettyServerBuilder.forAddress(address).sslContext(jdkServerContext(tls));
    } else {
      ServerCredentials credentials =
          TlsServerCredentials.newBuilder()
              .keyManager(tls.keyManager())
              .trustManager(tls.trustManager())
              .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
              .build();
      builder = NettyServerBuilder.forAddress(address, credentials);
    }
    Server server = builder.addService(new NodeInfoService(agent)).build();
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the baseline gRPC server", e);
    }
    return new RawGrpcAgent(server);
  }

  /** Returns the bound address as a {@code grpcs} agent address. */
  public AgentAddress address() {
    InetSocketAddress bound = (InetSocketAddress) server.getListenSockets().get(0);
    return new AgentAddress("grpcs", "127.0.0.1", bound.getPort());
  }

  /** Stops the server, waiting briefly for calls in flight. */
  @Override
  public void close() {
    server.shutdown();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.shutdownNow();
  }

  /** A client of the baseline server: one channel, a blocking stub and an asynchronous one. */
  public static final class Client implements AutoCloseable {
    private final ManagedChannel channel;
    private final BenchAgentGrpc.BenchAgentBlockingStub stub;
    private final BenchAgentGrpc.BenchAgentStub asyncStub;

    /** Opens a channel to {@code address} with core's TLS managers and TLS from {@code engine}. */
    public Client(AgentAddress address, RawTls tls, TlsEngine engine) {
      if (engine == TlsEngine.JDK) {
        this.channel =
            NettyChannelBuilder.forAddress(address.host(), address.port())
                .sslContext(jdkClientContext(tls))
                .build();
      } else {
        TlsChannelCredentials.Builder credentials =
            TlsChannelCredentials.newBuilder()
                .keyManager(tls.keyManager())
                .trustManager(tls.trustManager());
        this.channel =
            Grpc.newChannelBuilderForAddress(address.host(), address.port(), credentials.build())
                .build();
      }
      this.stub = BenchAgentGrpc.newBlockingStub(channel);
      this.asyncStub = BenchAgentGrpc.newStub(channel);
    }

    /** Fetches the node info and converts it to the agent API model. */
    public NodeInfo nodeInfo() {
      return toModel(
          stub.withDeadlineAfter(30, TimeUnit.SECONDS)
              .getNodeInfo(NodeInfoRequest.getDefaultInstance()));
    }

    /**
     * Fetches the node info without blocking. The response arrives on the channel's default
     * executor, which converts it and completes the future, as the framework's provider does.
     */
    public CompletableFuture<NodeInfo> nodeInfoAsync() {
      CompletableFuture<NodeInfo> result = new CompletableFuture<>();
      asyncStub
          .withDeadlineAfter(30, TimeUnit.SECONDS)
          .getNodeInfo(
              NodeInfoRequest.getDefaultInstance(),
              new StreamObserver<>() {
                @Override
                public void onNext(NodeInfoReply reply) {
                  result.complete(toModel(reply));
                }

                @Override
                public void onError(Throwable error) {
                  result.completeExceptionally(error);
                }

                @Override
                public void onCompleted() {
                  if (!result.isDone()) {
                    result.completeExceptionally(
                        new IllegalStateException("the call ended without a reply"));
                  }
                }
              });
      return result;
    }

    /** Shuts the channel down. */
    @Override
    public void close() {
      channel.shutdownNow();
    }
  }

  private static final class NodeInfoService extends BenchAgentGrpc.BenchAgentImplBase {
    private final Agent agent;

    NodeInfoService(Agent agent) {
      this.agent = agent;
    }

    @Override
    public void getNodeInfo(NodeInfoRequest request, StreamObserver<NodeInfoReply> response) {
      response.onNext(toReply(agent.nodeInfo()));
      response.onCompleted();
    }
  }

  private static SslContext jdkServerContext(RawTls tls) {
    try {
      return GrpcSslContexts.configure(
              SslContextBuilder.forServer(tls.keyManager()), SslProvider.JDK)
          .trustManager(tls.trustManager())
          .clientAuth(ClientAuth.REQUIRE)
          .protocols(PROTOCOL)
          .build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot build the baseline's JDK TLS server context", e);
    }
  }

  private static SslContext jdkClientContext(RawTls tls) {
    try {
      return GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
          .keyManager(tls.keyManager())
          .trustManager(tls.trustManager())
          .protocols(PROTOCOL)
          .build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot build the baseline's JDK TLS client context", e);
    }
  }

  private static NodeInfoReply toReply(NodeInfo info) {
    NodeInfoReply.Builder reply =
        NodeInfoReply.newBuilder()
            .setAddress(
                Address.newBuilder()
                    .setClient(info.address().client())
                    .setMember(info.address().member())
                    .putAllExtra(info.address().extra()))
            .setAgentVersion(toVersion(info.agentVersion()))
            .setNodeId(info.nodeId())
            .setNodeStatus(info.nodeStatus().kind().name())
            .setStoreId(info.storeId())
            .setStoreVersion(toVersion(info.storeVersion()));
    info.attributes().forEach((name, value) -> reply.putAttributes(name, value.json()));
    if (info.nodeStatus().reason() != null) {
      reply.setNodeStatusReason(info.nodeStatus().reason());
    }
    return reply.build();
  }

  private static Version toVersion(VersionInfo version) {
    Version.Builder builder = Version.newBuilder().setNumber(version.number());
    if (version.checkout() != null) {
      builder.setCheckout(version.checkout());
    }
    if (version.extra() != null) {
      builder.setExtra(version.extra());
    }
    return builder.build();
  }

  private static NodeInfo toModel(NodeInfoReply reply) {
    Map<String, JsonValue> attributes = new LinkedHashMap<>();
    reply.getAttributesMap().forEach((name, json) -> attributes.put(name, JsonValue.parse(json)));
    NodeStatus.Kind kind = NodeStatus.Kind.valueOf(reply.getNodeStatus());
    NodeStatus status =
        kind == NodeStatus.Kind.UNKNOWN
            ? NodeStatus.unknown(reply.getNodeStatusReason())
            : NodeStatus.of(kind);
    return new NodeInfo(
        new NodeAddress(
            reply.getAddress().getClient(),
            reply.getAddress().getMember(),
            reply.getAddress().getExtraMap()),
        toVersionInfo(reply.getAgentVersion()),
        attributes,
        reply.getNodeId(),
        status,
        reply.getStoreId(),
        toVersionInfo(reply.getStoreVersion()),
        Map.of());
  }

  private static VersionInfo toVersionInfo(Version version) {
    return new VersionInfo(
        version.hasCheckout() ? version.getCheckout() : null,
        version.getNumber(),
        version.hasExtra() ? version.getExtra() : null);
  }
}
