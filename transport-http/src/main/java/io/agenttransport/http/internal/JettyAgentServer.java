package io.agenttransport.http.internal;

import io.agenttransport.api.Agent;
import io.agenttransport.api.AgentAddress;
import io.agenttransport.config.ServerSettings;
import io.agenttransport.security.tls.ServerTlsMaterial;
import io.agenttransport.spi.AgentServer;
import io.agenttransport.spi.ServerContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An agent server on an embedded Jetty 12 server, serving the agent HTTP API until closed. */
public final class JettyAgentServer implements AgentServer {
  /** The option that caps the server's request threads. */
  static final String MAX_THREADS = "max_threads";

  private static final Logger LOG = LoggerFactory.getLogger(JettyAgentServer.class);
  private static final int DEFAULT_MAX_THREADS = 32;
  private static final long STOP_TIMEOUT_MILLIS = 2_000;

  private final Server server;
  private final ServerConnector connector;
  private final ConnectionDeadlines deadlines;
  private final boolean actionsEnabled;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile @Nullable AgentAddress boundAddress;

  private JettyAgentServer(
      Server server,
      ServerConnector connector,
      ConnectionDeadlines deadlines,
      boolean actionsEnabled) {
    this.server = server;
    this.connector = connector;
    this.deadlines = deadlines;
    this.actionsEnabled = actionsEnabled;
  }

  /**
   * Starts serving {@code agent} and returns once the server is bound.
   *
   * @throws io.agenttransport.config.ConfigException if {@code options.http} contains an unknown
   *     key or an invalid value
   * @throws UncheckedIOException if the address cannot be bound
   */
  public static JettyAgentServer start(ServerContext context, Agent agent) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(agent, "agent");
    ProviderOptions options = ProviderOptions.of(context.options(), Set.of(MAX_THREADS));
    ServerSettings settings = context.settings();
    ServerTlsMaterial tls = context.tls();

    QueuedThreadPool threads =
        new QueuedThreadPool(options.positiveInt(MAX_THREADS, DEFAULT_MAX_THREADS), 2);
    threads.setName("agent-http-server");
    threads.setDaemon(true);
    Server server = new Server(threads);
    server.setStopTimeout(STOP_TIMEOUT_MILLIS);

    ServerConnector connector = new ServerConnector(server, 1, 1, connectionFactories(tls));
    connector.setHost(settings.bindHost());
    connector.setPort(settings.port());
    connector.setIdleTimeout(settings.idleTimeout().toMillis());
    server.addConnector(connector);
    server.addBean(new NetworkConnectionLimit(settings.maxConnections(), connector));

    ConnectionDeadlines deadlines =
        new ConnectionDeadlines(
            connector.getScheduler(),
            settings.handshakeTimeout(),
            settings.headerTimeout(),
            tls != null);
    connector.addBean(deadlines);

    boolean actionsEnabled = context.guard().actionsEnabled();
    JettyAgentServer agentServer =
        new JettyAgentServer(server, connector, deadlines, actionsEnabled);
    AgentApiHandler handler =
        new AgentApiHandler(
            agent,
            context.guard(),
            tls != null,
            settings.maxRequestBytes(),
            context.listener(),
            deadlines,
            agentServer::boundAddress);
    server.setHandler(new GracefulHandler(handler));
    agentServer.startJetty(settings, tls);
    LOG.info(
        "Agent HTTP server listening on {}; actions {} ({})",
        agentServer.boundAddress(),
        actionsEnabled ? "enabled" : "disabled",
        context.guard().actionsReason());
    return agentServer;
  }

  private static ConnectionFactory[] connectionFactories(@Nullable ServerTlsMaterial tls) {
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    if (tls == null) {
      return new ConnectionFactory[] {new HttpConnectionFactory(http)};
    }
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    // Agents are addressed by IP as often as by name, and the client's SNI need not match the
    // certificate: core checks the agent's certificate against the address it dialled.
    secure.setSniHostCheck(false);
    http.addCustomizer(secure);
    HttpConnectionFactory httpFactory = new HttpConnectionFactory(http);
    SslConnectionFactory sslFactory =
        new SslConnectionFactory(sslContextFactory(tls), httpFactory.getProtocol());
    return new ConnectionFactory[] {sslFactory, httpFactory};
  }

  private static SslContextFactory.Server sslContextFactory(ServerTlsMaterial tls) {
    SslContextFactory.Server factory = new SslContextFactory.Server();
    factory.setSslContext(tls.sslContext());
    factory.setNeedClientAuth(tls.clientAuthRequired());
    factory.setIncludeProtocols(tls.protocols().toArray(String[]::new));
    factory.setIncludeCipherSuites(tls.cipherSuites().toArray(String[]::new));
    factory.setRenegotiationAllowed(false);
    factory.setSniRequired(false);
    return factory;
  }

  private void startJetty(ServerSettings settings, @Nullable ServerTlsMaterial tls) {
    try {
      server.start();
    } catch (IOException e) {
      stopQuietly();
      throw new UncheckedIOException(
          "cannot bind the agent server to "
              + settings.bindHost()
              + ":"
              + settings.port()
              + " ("
              + e.getMessage()
              + "); check server.bind and server.port",
          e);
    } catch (Exception e) {
      stopQuietly();
      throw new IllegalStateException("the agent server failed to start: " + e.getMessage(), e);
    }
    boundAddress =
        new AgentAddress(
            tls == null ? "http" : "https", settings.bindHost(), connector.getLocalPort());
  }

  @Override
  public AgentAddress boundAddress() {
    AgentAddress address = boundAddress;
    if (address == null) {
      throw new IllegalStateException("the agent server is not bound yet");
    }
    return address;
  }

  @Override
  public boolean actionsEnabled() {
    return actionsEnabled;
  }

  /** Returns the number of TCP connections accepted since start, for tests. */
  long acceptedConnections() {
    return deadlines.acceptedConnections();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    stopQuietly();
    LOG.info("Agent HTTP server on {} stopped", boundAddress);
  }

  private void stopQuietly() {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("Stopping the agent HTTP server on {} failed", boundAddress, e);
    }
  }
}
