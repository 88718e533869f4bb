package io.agenttransport.grpc.internal;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentChannel;
import io.agenttransport.api.ChannelClosedException;
import io.agenttransport.config.ClientSettings;
import io.agenttransport.config.ConfigException;
import io.agenttransport.config.ConnectionMode;
import io.agenttransport.grpc.GrpcTransportOptions;
import io.agenttransport.security.tls.ClientTlsMaterial;
import io.agenttransport.spi.ClientContext;
import io.agenttransport.spi.ClientTransport;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Core's side of the gRPC transport: opens one gRPC channel per agent channel, all sharing one TLS
 * context and gRPC's shared event loop and executor, so that many agents need no thread each.
 */
public final class GrpcClientTransport implements ClientTransport {
  private static final Logger LOG = LoggerFactory.getLogger(GrpcClientTransport.class);
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

  private final ClientContext context;
  private final GrpcTransportOptions options;
  private final @Nullable SslContext sslContext;
  private final Set<GrpcAgentChannel> channels = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "agent-transport-grpc-timer");
            thread.setDaemon(true);
            return thread;
          });
  private volatile boolean closed;

  private GrpcClientTransport(
      ClientContext context, GrpcTransportOptions options, @Nullable SslContext sslContext) {
    this.context = context;
    this.options = options;
    this.sslContext = sslContext;
  }

  /**
   * Creates the transport from core's context.
   *
   * @throws ConfigException if an option is invalid or the TLS material cannot be used
   */
  public static GrpcClientTransport create(ClientContext context) {
    Objects.requireNonNull(context, "context");
    GrpcTransportOptions options = GrpcTransportOptions.parse(context.options());
    ClientTlsMaterial tls = context.tls();
    SslContext sslContext = null;
    if (tls != null) {
      try {
        sslContext = TlsContexts.client(tls);
      } catch (SSLException e) {
        throw new ConfigException(
            "tls", "TLS material cannot be used by the gRPC transport: " + e.getMessage(), e);
      }
    }
    return new GrpcClientTransport(context, options, sslContext);
  }

  @Override
  public AgentChannel open(AgentAddress address) {
    Objects.requireNonNull(address, "address");
    if (closed) {
      throw new ChannelClosedException("gRPC transport is closed", address, null, null);
    }
    boolean tls = requireTlsFor(address);
    GrpcAgentChannel[] holder = new GrpcAgentChannel[1];
    holder[0] =
        new GrpcAgentChannel(
            address,
            () -> buildChannel(address, tls),
            context,
            tls,
            timer,
            () -> channels.remove(holder[0]));
    channels.add(holder[0]);
    LOG.debug("opened gRPC channel to {}", address);
    return holder[0];
  }

  private boolean requireTlsFor(AgentAddress address) {
    switch (address.scheme()) {
      case "grpcs":
        if (sslContext == null) {
          throw new IllegalArgumentException(
              "agent address "
                  + address
                  + " needs TLS but core has no TLS material; configure ca_bundle and client_key");
        }
        return true;
      case "grpc":
        return false;
      default:
        throw new IllegalArgumentException(
            "agent address "
                + address
                + " has scheme '"
                + address.scheme()
                + "': the gRPC transport serves grpcs:// and grpc:// only");
    }
  }

  private ManagedChannel buildChannel(AgentAddress address, boolean tls) {
    ClientSettings settings = context.settings();
    NettyChannelBuilder builder =
        NettyChannelBuilder.forAddress(address.host(), address.port())
            .maxInboundMessageSize(saturatedInt(settings.maxResponseBytes()))
            .withOption(
                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                saturatedInt(settings.connectTimeout().toMillis()))
            .idleTimeout(idleTime(settings).toMillis(), TimeUnit.MILLISECONDS)
            .keepAliveTime(options.keepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
            .keepAliveTimeout(options.keepAliveTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .userAgent("agent-transport");
    if (tls) {
      builder.sslContext(sslContext);
    } else {
      builder.usePlaintext();
    }
    return builder.build();
  }

  // NOTE: gRPC raises idle timeouts below one second to one second, and it has no per-call
  // connection mode, so PER_CALL behaves like BURST here.
  private static Duration idleTime(ClientSettings settings) {
    return settings.connectionMode() == ConnectionMode.POOLED
        ? settings.poolIdle()
        : settings.burstIdle();
  }

  private static int saturatedInt(long value) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, value));
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<GrpcAgentChannel> open = new ArrayList<>(channels);
    open.forEach(channel -> channel.closeAndWait(CLOSE_WAIT));
    timer.shutdownNow();
    LOG.debug("closed gRPC transport and {} channels", open.size());
  }
}
