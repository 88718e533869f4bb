package io.agenttransport.http.internal;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentChannel;
import io.agenttransport.api.ChannelClosedException;
import io.agenttransport.spi.ClientContext;
import io.agenttransport.spi.ClientTransport;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Core's side of the HTTP transport: one OkHttp client, its dispatcher and connection pool, shared
 * by every channel it opens.
 */
public final class HttpClientTransport implements ClientTransport {
  /** The option that caps the calls running at once. */
  static final String MAX_REQUESTS = "max_requests";

  /** The option that caps the calls running at once to one agent. */
  static final String MAX_REQUESTS_PER_HOST = "max_requests_per_host";

  private static final Logger LOG = LoggerFactory.getLogger(HttpClientTransport.class);
  private static final int DEFAULT_MAX_REQUESTS = 256;
  private static final int DEFAULT_MAX_REQUESTS_PER_HOST = 16;

  private final OkHttpClient client;
  private final CallRunner runner;
  private final boolean tlsConfigured;
  private final Set<HttpAgentChannel> channels = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  private HttpClientTransport(OkHttpClient client, CallRunner runner, boolean tlsConfigured) {
    this.client = client;
    this.runner = runner;
    this.tlsConfigured = tlsConfigured;
  }

  /**
   * Creates the transport for {@code context}.
   *
   * @throws io.agenttransport.config.ConfigException if {@code options.http} contains an unknown
   *     key or an invalid value
   */
  public static HttpClientTransport create(ClientContext context) {
    Objects.requireNonNull(context, "context");
    ProviderOptions options =
        ProviderOptions.of(context.options(), Set.of(MAX_REQUESTS, MAX_REQUESTS_PER_HOST));
    int maxRequests = options.positiveInt(MAX_REQUESTS, DEFAULT_MAX_REQUESTS);
    int maxPerHost = options.positiveInt(MAX_REQUESTS_PER_HOST, DEFAULT_MAX_REQUESTS_PER_HOST);
    OkHttpClient client =
        OkHttpClients.create(context.settings(), context.tls(), maxRequests, maxPerHost);
    boolean tls = context.tls() != null;
    CallRunner runner =
        new CallRunner(client, context.settings(), tls, context.signer(), context.listener());
    LOG.info(
        "HTTP client transport created: TLS {}, signing {}, connection mode {}, max requests {}"
            + " ({} per agent)",
        tls ? "configured" : "off (plain http:// agents only)",
        context.signer() == null ? "off (actions will not be sent)" : "on",
        context.settings().connectionMode(),
        maxRequests,
        maxPerHost);
    return new HttpClientTransport(client, runner, tls);
  }

  @Override
  public AgentChannel open(AgentAddress address) {
    Objects.requireNonNull(address, "address");
    if (closed.get()) {
      throw new ChannelClosedException(
          "transport is closed; create a new transport", address, null, null);
    }
    checkScheme(address);
    HttpAgentChannel[] holder = new HttpAgentChannel[1];
    HttpAgentChannel channel = new HttpAgentChannel(address, runner, () -> forget(holder[0]));
    holder[0] = channel;
    channels.add(channel);
    if (closed.get()) {
      channel.close();
    }
    return channel;
  }

  private void checkScheme(AgentAddress address) {
    String scheme = address.scheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException(
          "agent address "
              + address
              + " has scheme '"
              + scheme
              + "'; the http transport serves http:// and https:// addresses");
    }
    if ("https".equals(scheme) && !tlsConfigured) {
      throw new IllegalArgumentException(
          "agent address "
              + address
              + " needs TLS but core has no tls section; set tls.ca_bundle and tls.client_key");
    }
  }

  private void forget(HttpAgentChannel channel) {
    channels.remove(channel);
  }

  /** Returns the number of connections in the shared pool, for tests. */
  int pooledConnectionCount() {
    return client.connectionPool().connectionCount();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (HttpAgentChannel channel : channels) {
      channel.close();
    }
    client.dispatcher().cancelAll();
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
    LOG.info("HTTP client transport closed");
  }
}
