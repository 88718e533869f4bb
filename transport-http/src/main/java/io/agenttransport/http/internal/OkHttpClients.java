package io.agenttransport.http.internal;

import io.agenttransport.config.ClientSettings;
import io.agenttransport.config.ConnectionMode;
import io.agenttransport.security.tls.ClientTlsMaterial;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.jspecify.annotations.Nullable;

/** Builds the one {@link OkHttpClient} that all channels of a client transport share. */
final class OkHttpClients {
  private OkHttpClients() {}

  /**
   * Returns a client for {@code settings}.
   *
   * @param tls the TLS material, or {@code null} when the transport calls plain HTTP agents only
   * @param maxRequests the most calls running at once; further calls wait in the dispatcher queue
   *     without holding a thread
   * @param maxRequestsPerHost the most calls running at once to one agent
   */
  static OkHttpClient create(
      ClientSettings settings,
      @Nullable ClientTlsMaterial tls,
      int maxRequests,
      int maxRequestsPerHost) {
    OkHttpClient.Builder builder =
        new OkHttpClient.Builder()
            .dispatcher(dispatcher(maxRequests, maxRequestsPerHost))
            .connectionPool(connectionPool(settings, maxRequests))
            .protocols(List.of(Protocol.HTTP_1_1))
            .socketFactory(new NoDelaySocketFactory())
            .followRedirects(false)
            .followSslRedirects(false)
            // A silent retry would send a signed request twice, and the agent rejects the copy as a
            // replay. Failures go to the caller instead, who retries with a fresh signature.
            .retryOnConnectionFailure(false)
            .connectTimeout(settings.connectTimeout())
            // No per-read timeout after the handshake: the call timeout bounds the whole call.
            .readTimeout(Duration.ZERO)
            .writeTimeout(Duration.ZERO)
            .callTimeout(settings.callTimeout())
            .eventListenerFactory(CallTrace::of);
    if (tls != null) {
      builder
          .sslSocketFactory(
              new HandshakeTimeoutSocketFactory(
                  tls.sslContext().getSocketFactory(), settings.handshakeTimeout()),
              tls.trustManager())
          .connectionSpecs(List.of(connectionSpec(tls), ConnectionSpec.CLEARTEXT));
    } else {
      builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
    }
    return builder.build();
  }

  private static ConnectionSpec connectionSpec(ClientTlsMaterial tls) {
    return new ConnectionSpec.Builder(true)
        .tlsVersions(tls.protocols().toArray(String[]::new))
        .cipherSuites(tls.cipherSuites().toArray(String[]::new))
        .build();
  }

  private static ConnectionPool connectionPool(ClientSettings settings, int maxIdle) {
    ConnectionMode mode = settings.connectionMode();
    return switch (mode) {
      case BURST ->
          new ConnectionPool(maxIdle, millis(settings.burstIdle()), TimeUnit.MILLISECONDS);
      case POOLED ->
          new ConnectionPool(maxIdle, millis(settings.poolIdle()), TimeUnit.MILLISECONDS);
      // With no idle connection allowed, OkHttp closes each connection when its call ends.
      case PER_CALL -> new ConnectionPool(0, 1, TimeUnit.MILLISECONDS);
    };
  }

  private static long millis(Duration duration) {
    return Math.max(1, duration.toMillis());
  }

  private static Dispatcher dispatcher(int maxRequests, int maxRequestsPerHost) {
    Dispatcher dispatcher = new Dispatcher(executor());
    dispatcher.setMaxRequests(maxRequests);
    dispatcher.setMaxRequestsPerHost(maxRequestsPerHost);
    return dispatcher;
  }

  /** Returns OkHttp's default executor shape, with thread names that identify this transport. */
  private static ExecutorService executor() {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory threads =
        runnable -> {
          Thread thread = new Thread(runnable, "agent-http-client-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    return new ThreadPoolExecutor(
        0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
  }
}
