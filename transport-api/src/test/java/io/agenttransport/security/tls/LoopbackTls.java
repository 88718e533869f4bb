package io.agenttransport.security.tls;

import io.agenttransport.testing.TestPki.Issued;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Runs one TLS connection over loopback between a server and a client context: handshake, one byte
 * from the client, one byte back.
 */
final class LoopbackTls {
  private static final int TIMEOUT_MILLIS = 20_000;

  /** What each side saw. {@code serverReceived} is the byte count the server read. */
  record Outcome(
      @Nullable Exception clientError, @Nullable Exception serverError, int serverReceived) {
    boolean succeeded() {
      return clientError == null && serverError == null;
    }
  }

  private LoopbackTls() {}

  static Outcome connect(SSLContext server, SSLContext client, String host) throws Exception {
    return connect(server, socket -> {}, client, socket -> {}, host);
  }

  static Outcome connect(
      SSLContext server,
      Consumer<SSLServerSocket> serverSetup,
      SSLContext client,
      Consumer<SSLSocket> clientSetup,
      String host)
      throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try (SSLServerSocket serverSocket =
        (SSLServerSocket)
            server
                .getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      serverSetup.accept(serverSocket);
      serverSocket.setSoTimeout(TIMEOUT_MILLIS);
      int[] received = {0};
      Future<?> serverSide = executor.submit(() -> serve(serverSocket, received));
      Exception clientError = runClient(client, clientSetup, host, serverSocket.getLocalPort());
      Exception serverError = serverResult(serverSide);
      return new Outcome(clientError, serverError, received[0]);
    } finally {
      executor.shutdownNow();
    }
  }

  /** Connects {@code connections} times, one after another, to one server socket. */
  static List<Outcome> connectRepeatedly(
      SSLContext server,
      Consumer<SSLServerSocket> serverSetup,
      SSLContext client,
      String host,
      int connections)
      throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try (SSLServerSocket serverSocket =
        (SSLServerSocket)
            server
                .getServerSocketFactory()
                .createServerSocket(0, connections, InetAddress.getLoopbackAddress())) {
      serverSetup.accept(serverSocket);
      serverSocket.setSoTimeout(TIMEOUT_MILLIS);
      List<Outcome> outcomes = new ArrayList<>();
      for (int i = 0; i < connections; i++) {
        int[] received = {0};
        Future<?> serverSide = executor.submit(() -> serve(serverSocket, received));
        Exception clientError = runClient(client, socket -> {}, host, serverSocket.getLocalPort());
        Exception serverError = serverResult(serverSide);
        outcomes.add(new Outcome(clientError, serverError, received[0]));
      }
      return outcomes;
    } finally {
      executor.shutdownNow();
    }
  }

  private static Void serve(SSLServerSocket serverSocket, int[] received) throws IOException {
    try (SSLSocket socket = (SSLSocket) serverSocket.accept()) {
      socket.setSoTimeout(TIMEOUT_MILLIS);
      socket.startHandshake();
      int value = socket.getInputStream().read();
      if (value < 0) {
        throw new IOException("the client closed the connection before sending data");
      }
      received[0]++;
      socket.getOutputStream().write(value);
      socket.getOutputStream().flush();
      // Wait for the client to close, so that the client reads the echoed byte first.
      socket.getInputStream().read();
      return null;
    }
  }

  private static @Nullable Exception runClient(
      SSLContext client, Consumer<SSLSocket> clientSetup, String host, int port) {
    try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(host, port)) {
      socket.setSoTimeout(TIMEOUT_MILLIS);
      clientSetup.accept(socket);
      socket.startHandshake();
      socket.getOutputStream().write(42);
      socket.getOutputStream().flush();
      InputStream input = socket.getInputStream();
      if (input.read() != 42) {
        throw new IOException("the server did not echo the byte");
      }
      return null;
    } catch (Exception e) {
      return e;
    }
  }

  private static @Nullable Exception serverResult(Future<?> serverSide)
      throws InterruptedException, TimeoutException {
    try {
      serverSide.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
      return null;
    } catch (ExecutionException e) {
      return (Exception) e.getCause();
    }
  }

  /**
   * Creates a plain JDK context, as a peer outside this project would: with {@code identity} as its
   * certificate (or none) and trusting {@code trusted} through the JDK's own PKIX checks.
   */
  static SSLContext jdkContext(@Nullable Issued identity, List<X509Certificate> trusted)
      throws GeneralSecurityException, IOException {
    KeyManager[] keyManagers = null;
    if (identity != null) {
      char[] password = "test-store".toCharArray();
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry(
          "key", identity.privateKey(), password, identity.chain().toArray(new X509Certificate[0]));
      KeyManagerFactory keyFactory = KeyManagerFactory.getInstance("PKIX");
      keyFactory.init(keys, password);
      keyManagers = keyFactory.getKeyManagers();
    }
    KeyStore anchors = KeyStore.getInstance("PKCS12");
    anchors.load(null, null);
    for (int i = 0; i < trusted.size(); i++) {
      anchors.setCertificateEntry("ca-" + i, trusted.get(i));
    }
    TrustManagerFactory trustFactory = TrustManagerFactory.getInstance("PKIX");
    trustFactory.init(anchors);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers, trustFactory.getTrustManagers(), null);
    return context;
  }

  /** Creates a plain JDK context with the given managers. */
  static SSLContext jdkContext(KeyManager keyManager, TrustManager trustManager)
      throws GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(new KeyManager[] {keyManager}, new TrustManager[] {trustManager}, null);
    return context;
  }
}
