package io.agenttransport.grpc.internal;

import io.agenttransport.security.tls.ClientTlsMaterial;
import io.agenttransport.security.tls.ServerTlsMaterial;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Builds Netty TLS contexts from the framework's TLS material, so that the gRPC transport makes the
 * same trust decisions as every other transport and makes no checks of its own.
 *
 * <p>The JDK provider is used because the framework's key and trust managers are JDK objects. The
 * client's trust manager checks the agent address against the host of the {@code SSLEngine}, which
 * gRPC takes from the channel's authority.
 */
final class TlsContexts {
  private TlsContexts() {}

  /** Builds core's context: its key, the trusted agent CAs, the configured versions and suites. */
  static SslContext client(ClientTlsMaterial material) throws SSLException {
    return GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
        .keyManager(material.keyManager())
        .trustManager(material.trustManager())
        .protocols(material.protocols())
        .ciphers(material.cipherSuites())
        .build();
  }

  /** Builds an agent's context, requiring a client certificate when the material requires one. */
  static SslContext server(ServerTlsMaterial material) throws SSLException {
    SslContextBuilder builder =
        GrpcSslContexts.configure(
                SslContextBuilder.forServer(material.keyManager()), SslProvider.JDK)
            .protocols(material.protocols())
            .ciphers(material.cipherSuites());
    X509ExtendedTrustManager trustManager = material.trustManager();
    if (trustManager != null) {
      builder.trustManager(trustManager);
    }
    builder.clientAuth(material.clientAuthRequired() ? ClientAuth.REQUIRE : ClientAuth.NONE);
    return builder.build();
  }
}
