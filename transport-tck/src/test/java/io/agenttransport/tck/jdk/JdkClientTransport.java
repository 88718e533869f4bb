package io.agenttransport.tck.jdk;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentChannel;
import io.agenttransport.api.ChannelClosedException;
import io.agenttransport.security.tls.ClientTlsMaterial;
import io.agenttransport.spi.ClientContext;
import io.agenttransport.spi.ClientTransport;
import java.net.Socket;
import java.net.http.HttpClient;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jspecify.annotations.Nullable;

/** Core's side of the test provider: one {@link HttpClient} shared by all channels. */
final class JdkClientTransport implements ClientTransport {
  private final ClientContext context;
  private final Set<Fault> faults;
  private final ExecutorService executor;
  private final HttpClient http;
  private final Set<JdkAgentChannel> channels = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  JdkClientTransport(ClientContext context, Set<Fault> faults) {
    this.context = context;
    this.faults = faults;
    this.executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "tck-jdk-client");
              thread.setDaemon(true);
              return thread;
            });
    this.http = buildClient();
  }

  private HttpClient buildClient() {
    Duration connect =
        context.settings().connectTimeout().plus(context.settings().handshakeTimeout());
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(connect)
            .executor(executor);
    ClientTlsMaterial tls = context.tls();
    if (tls != null) {
      SSLParameters parameters = new SSLParameters();
      parameters.setProtocols(tls.protocols().toArray(String[]::new));
      parameters.setCipherSuites(tls.cipherSuites().toArray(String[]::new));
      builder.sslContext(
          faults.contains(Fault.TRUST_ANY_CERTIFICATE)
              ? trustingEverything(tls)
              : tls.sslContext());
      builder.sslParameters(parameters);
    }
    return builder.build();
  }

  /**
   * Returns a context that accepts every agent certificate. The trust manager is an extended one,
   * so the JDK does not add its own host name check around it.
   */
  private static SSLContext trustingEverything(ClientTlsMaterial tls) {
    X509ExtendedTrustManager anything =
        new X509ExtendedTrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

          @Override
          public void checkClientTrusted(
              X509Certificate[] chain, String authType, SSLEngine engine) {}

          @Override
          public void checkServerTrusted(
              X509Certificate[] chain, String authType, SSLEngine engine) {}

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          new javax.net.ssl.KeyManager[] {tls.keyManager()}, new TrustManager[] {anything}, null);
      return context;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  ClientContext context() {
    return context;
  }

  HttpClient http() {
    return http;
  }

  Set<Fault> faults() {
    return faults;
  }

  void forget(JdkAgentChannel channel) {
    channels.remove(channel);
  }

  @Override
  public AgentChannel open(AgentAddress address) {
    if (closed) {
      throw new ChannelClosedException(
          "client transport is closed: create a new one", address, null, null);
    }
    if (!address.scheme().equals("https") && !address.scheme().equals("http")) {
      throw new IllegalArgumentException(
          "scheme '"
              + address.scheme()
              + "' of "
              + address
              + " is not served by the jdk transport: use https or http");
    }
    if (address.scheme().equals("https") && context.tls() == null) {
      throw new IllegalArgumentException(
          "no TLS material for " + address + ": configure core's tls section");
    }
    JdkAgentChannel channel = new JdkAgentChannel(this, address);
    channels.add(channel);
    return channel;
  }

  @Override
  public void close() {
    closed = true;
    for (JdkAgentChannel channel : channels) {
      channel.close();
    }
    executor.shutdownNow();
  }

  @Nullable ClientTlsMaterial tls() {
    return context.tls();
  }
}
