package io.agenttransport.bench.harness;

import io.agenttransport.bench.support.BenchPki;
import io.agenttransport.bench.support.RawTls;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.NamedParameterSpec;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.KeyAgreement;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Times where a new mutual TLS connection spends its time, with bare JDK sockets on loopback. It
 * times the TCP connect, a full and a resumed TLS 1.3 handshake, and, one by one, the crypto and
 * certificate checks that a full handshake does on both sides.
 */
public final class HandshakeProbe implements AutoCloseable {
  private final RawTls serverTls;
  private final RawTls clientTls;
  private final X509Certificate[] serverChain;
  private final X509Certificate[] clientChain;
  private final SSLServerSocket tlsServer;
  private final ServerSocket plainServer;
  private final ExecutorService acceptors = Executors.newFixedThreadPool(2);

  /** Times of one probe, in milliseconds each. */
  public record Result(
      double tcpConnect,
      double fullHandshake,
      double resumedHandshake,
      double certificateChecks,
      double keyAgreement,
      double certificateVerify,
      double keyLookup) {}

  /** Starts a TLS and a plain listener on 127.0.0.1, with certificates of a new CA. */
  public HandshakeProbe() throws IOException {
    BenchPki pki = BenchPki.create();
    BenchPki.Identity agent = pki.issueAgent("probe", "127.0.0.1");
    BenchPki.Identity core = pki.issueCore();
    serverTls = RawTls.of(agent, pki.caCertificate());
    clientTls = RawTls.of(core, pki.caCertificate());
    serverChain = agent.chain().toArray(new X509Certificate[0]);
    clientChain = core.chain().toArray(new X509Certificate[0]);

    InetAddress loopback = InetAddress.getLoopbackAddress();
    tlsServer =
        (SSLServerSocket)
            serverTls.newContext().getServerSocketFactory().createServerSocket(0, 64, loopback);
    tlsServer.setNeedClientAuth(true);
    tlsServer.setEnabledProtocols(new String[] {RawTls.PROTOCOL});
    plainServer = new ServerSocket(0, 64, loopback);
    acceptors.execute(this::serveTls);
    acceptors.execute(this::servePlain);
  }

  /** Runs {@code count} connections of each kind and returns the mean times. */
  public Result measure(int count) throws IOException, GeneralSecurityException {
    return new Result(
        timeTcpConnect(count),
        timeHandshakes(count, false),
        timeHandshakes(count, true),
        timeCertificateChecks(count),
        timeKeyAgreement(count),
        timeCertificateVerify(count),
        timeKeyLookup(count));
  }

  /**
   * Times how the JDK's PKIX key manager gets the private key for a handshake, on both sides. It
   * names its key store entry with a new alias on every choice, so its entry cache misses, and it
   * decrypts the key from the PKCS#12 store again.
   */
  private double timeKeyLookup(int count) {
    String[] keyTypes = {"EC"};
    long total = 0;
    for (int i = 0; i < count; i++) {
      long start = System.nanoTime();
      X509ExtendedKeyManager client = clientTls.keyManager();
      X509ExtendedKeyManager server = serverTls.keyManager();
      if (client.getPrivateKey(client.chooseClientAlias(keyTypes, null, null)) == null
          || server.getPrivateKey(server.chooseServerAlias("EC", null, null)) == null) {
        throw new IllegalStateException("the probe's key managers chose no EC key");
      }
      total += System.nanoTime() - start;
    }
    return millis(total, count);
  }

  private double timeTcpConnect(int count) throws IOException {
    long total = 0;
    for (int i = 0; i < count; i++) {
      long start = System.nanoTime();
      try (Socket socket = new Socket()) {
        socket.setTcpNoDelay(true);
        socket.connect(plainServer.getLocalSocketAddress());
        socket.getInputStream().read();
        total += System.nanoTime() - start;
      }
    }
    return millis(total, count);
  }

  /**
   * Connects, completes the handshake and reads the server's one byte, which also takes in the TLS
   * 1.3 session ticket that a later resumption needs.
   */
  private double timeHandshakes(int count, boolean resume) throws IOException {
    SSLContext shared = clientTls.newContext();
    handshake(shared);
    long total = 0;
    for (int i = 0; i < count; i++) {
      SSLContext context = resume ? shared : clientTls.newContext();
      long start = System.nanoTime();
      handshake(context);
      total += System.nanoTime() - start;
    }
    return millis(total, count);
  }

  private void handshake(SSLContext context) throws IOException {
    InetSocketAddress address = (InetSocketAddress) tlsServer.getLocalSocketAddress();
    try (SSLSocket socket =
        (SSLSocket)
            context.getSocketFactory().createSocket(address.getAddress(), address.getPort())) {
      socket.setTcpNoDelay(true);
      socket.setEnabledProtocols(new String[] {RawTls.PROTOCOL});
      socket.startHandshake();
      if (socket.getInputStream().read() < 0) {
        throw new IOException("the probe server closed the connection before its byte");
      }
    }
  }

  /**
   * Times the PKIX checks of both sides: core checks the agent's chain and the agent core's. The
   * JDK's certificate factory returns the same parsed certificate for the same bytes, and that
   * object remembers that its signature verified, so a handshake with a known peer skips that too.
   */
  private double timeCertificateChecks(int count) throws GeneralSecurityException {
    long total = 0;
    for (int i = 0; i < count; i++) {
      long start = System.nanoTime();
      // TLS 1.3 names no key exchange in the authentication type, so the JDK passes UNKNOWN.
      clientTls.trustManager().checkServerTrusted(serverChain, "UNKNOWN");
      serverTls.trustManager().checkClientTrusted(clientChain, "EC");
      total += System.nanoTime() - start;
    }
    return millis(total, count);
  }

  /** Times an X25519 key share on both sides: two key pairs and two agreements. */
  private double timeKeyAgreement(int count) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("XDH");
    generator.initialize(NamedParameterSpec.X25519);
    long total = 0;
    for (int i = 0; i < count; i++) {
      long start = System.nanoTime();
      KeyPair client = generator.generateKeyPair();
      KeyPair server = generator.generateKeyPair();
      agree(client, server);
      agree(server, client);
      total += System.nanoTime() - start;
    }
    return millis(total, count);
  }

  private static byte[] agree(KeyPair local, KeyPair remote) throws GeneralSecurityException {
    KeyAgreement agreement = KeyAgreement.getInstance("XDH");
    agreement.init(local.getPrivate());
    agreement.doPhase(remote.getPublic(), true);
    return agreement.generateSecret();
  }

  /** Times the two ECDSA P-256 CertificateVerify signatures and their verifications. */
  private double timeCertificateVerify(int count) throws GeneralSecurityException {
    KeyPair keys = BenchPki.newEcKeyPair();
    byte[] transcript = new byte[130];
    long total = 0;
    for (int i = 0; i < count; i++) {
      long start = System.nanoTime();
      for (int side = 0; side < 2; side++) {
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(keys.getPrivate());
        signer.update(transcript);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(keys.getPublic());
        verifier.update(transcript);
        verifier.verify(signature);
      }
      total += System.nanoTime() - start;
    }
    return millis(total, count);
  }

  private void serveTls() {
    while (!tlsServer.isClosed()) {
      try (SSLSocket socket = (SSLSocket) tlsServer.accept()) {
        // Without it, Nagle's algorithm and delayed ACKs hold the server's last flight and its
        // byte for about 40 ms each, which would dwarf the handshake.
        socket.setTcpNoDelay(true);
        socket.startHandshake();
        socket.getOutputStream().write(1);
        socket.getOutputStream().flush();
        drain(socket.getInputStream());
      } catch (IOException e) {
        if (tlsServer.isClosed()) {
          return;
        }
      }
    }
  }

  private void servePlain() {
    while (!plainServer.isClosed()) {
      try (Socket socket = plainServer.accept()) {
        socket.setTcpNoDelay(true);
        socket.getOutputStream().write(1);
        drain(socket.getInputStream());
      } catch (IOException e) {
        if (plainServer.isClosed()) {
          return;
        }
      }
    }
  }

  /** Waits for the client to close, so that the server never resets a connection early. */
  private static void drain(InputStream input) throws IOException {
    while (input.read() >= 0) {
      // Nothing is sent after the handshake; read returns -1 when the client closes.
    }
  }

  private static double millis(long nanos, int count) {
    return nanos / 1e6 / count;
  }

  /** Closes both listeners and stops their threads. */
  @Override
  public void close() {
    try {
      tlsServer.close();
      plainServer.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    acceptors.shutdownNow();
  }
}
