package io.agenttransport.http.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes connections that do not finish the TLS handshake, or do not send their first request
 * headers, in time.
 *
 * <p>Jetty 12.1 has an idle timeout but no handshake or header timeout, and an idle timeout is
 * reset by every byte, so a peer that trickles bytes would never hit it. This listener instead
 * schedules an absolute deadline when a connection opens. The header deadline covers the first
 * request of a connection only; later requests on a kept-alive connection fall under the idle
 * timeout.
 */
final class ConnectionDeadlines implements Connection.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionDeadlines.class);

  private final Scheduler scheduler;
  private final Duration handshakeTimeout;
  private final Duration headerTimeout;
  private final boolean tls;
  private final Map<Connection, Scheduler.Task> pending = new ConcurrentHashMap<>();
  private final Set<Connection> handshaken = ConcurrentHashMap.newKeySet();
  private final Set<Connection> started = ConcurrentHashMap.newKeySet();
  private final AtomicLong accepted = new AtomicLong();

  ConnectionDeadlines(
      Scheduler scheduler, Duration handshakeTimeout, Duration headerTimeout, boolean tls) {
    this.scheduler = scheduler;
    this.handshakeTimeout = handshakeTimeout;
    this.headerTimeout = headerTimeout;
    this.tls = tls;
  }

  @Override
  public void onOpened(Connection connection) {
    if (connection instanceof SslConnection ssl) {
      accepted.incrementAndGet();
      ssl.addHandshakeListener(new HandshakeTracker(connection));
      schedule(connection, handshakeTimeout, this::checkHandshake);
      return;
    }
    if (!tls) {
      accepted.incrementAndGet();
    }
    Duration deadline = tls ? handshakeTimeout.plus(headerTimeout) : headerTimeout;
    schedule(connection, deadline, this::checkHeaders);
  }

  @Override
  public void onClosed(Connection connection) {
    Scheduler.Task task = pending.remove(connection);
    if (task != null) {
      task.cancel();
    }
    handshaken.remove(connection);
    started.remove(connection);
  }

  /** Records that {@code connection} delivered complete request headers. */
  void requestReceived(Connection connection) {
    if (started.add(connection)) {
      Scheduler.Task task = pending.remove(connection);
      if (task != null) {
        task.cancel();
      }
    }
  }

  /** Returns the number of TCP connections accepted since the server started. */
  long acceptedConnections() {
    return accepted.get();
  }

  private void schedule(
      Connection connection, Duration delay, java.util.function.Consumer<Connection> check) {
    Scheduler.Task task =
        scheduler.schedule(() -> check.accept(connection), delay.toMillis(), TimeUnit.MILLISECONDS);
    Scheduler.Task previous = pending.put(connection, task);
    if (previous != null) {
      previous.cancel();
    }
  }

  private void checkHandshake(Connection connection) {
    pending.remove(connection);
    if (!handshaken.contains(connection) && connection.getEndPoint().isOpen()) {
      LOG.warn(
          "Closing connection from {}: no TLS handshake within server.handshake_timeout ({})",
          connection.getEndPoint().getRemoteSocketAddress(),
          handshakeTimeout);
      connection.getEndPoint().close();
    }
  }

  private void checkHeaders(Connection connection) {
    pending.remove(connection);
    if (!started.contains(connection) && connection.getEndPoint().isOpen()) {
      LOG.warn(
          "Closing connection from {}: no complete request headers within"
              + " server.header_timeout ({})",
          connection.getEndPoint().getRemoteSocketAddress(),
          headerTimeout);
      connection.getEndPoint().close();
    }
  }

  /** Marks its connection once the TLS handshake succeeds. */
  private final class HandshakeTracker implements SslHandshakeListener {
    private final Connection connection;

    HandshakeTracker(Connection connection) {
      this.connection = connection;
    }

    @Override
    public void handshakeSucceeded(Event event) {
      handshaken.add(connection);
    }
  }
}
