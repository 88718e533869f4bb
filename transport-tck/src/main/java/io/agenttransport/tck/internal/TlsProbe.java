package io.agenttransport.tck.internal;

import io.agenttransport.api.AgentAddress;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Raw TLS exchanges with an agent that no ordinary client would make, to check what the agent's TLS
 * stack accepts regardless of the provider's client.
 */
public final class TlsProbe {
  /** TLS 1.0 on the wire. */
  public static final int TLS_1_0 = 0x0301;

  /** TLS 1.1 on the wire. */
  public static final int TLS_1_1 = 0x0302;

  /** TLS 1.2 on the wire. */
  public static final int TLS_1_2 = 0x0303;

  /** {@code TLS_RSA_WITH_AES_128_CBC_SHA}: static RSA key exchange, CBC. */
  public static final int RSA_AES_128_CBC_SHA = 0x002f;

  /** {@code TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA}: CBC. */
  public static final int ECDHE_ECDSA_AES_128_CBC_SHA = 0xc009;

  /** {@code TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA}: CBC. */
  public static final int ECDHE_RSA_AES_128_CBC_SHA = 0xc013;

  private static final SecureRandom RANDOM = new SecureRandom();

  private TlsProbe() {}

  /** The response of the agent to a ClientHello. */
  public enum HelloAnswer {
    /** A ServerHello: the agent agreed to negotiate. */
    SERVER_HELLO,
    /** A TLS alert. */
    ALERT,
    /** The connection closed or reset without a response. */
    CLOSED,
    /** Nothing within the timeout. */
    SILENCE
  }

  /**
   * Sends a TLS 1.2-style ClientHello offering only {@code version} and {@code cipherSuites}, with
   * the extensions an ECDHE handshake needs, and returns what came back.
   */
  public static HelloAnswer hello(
      AgentAddress agent, int version, int[] cipherSuites, Duration timeout) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(agent.host(), agent.port()), (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      socket.getOutputStream().write(clientHello(version, cipherSuites));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      int contentType;
      try {
        contentType = in.read();
      } catch (SocketTimeoutException e) {
        return HelloAnswer.SILENCE;
      } catch (IOException e) {
        return HelloAnswer.CLOSED;
      }
      if (contentType == 0x16) {
        return HelloAnswer.SERVER_HELLO;
      }
      return contentType == 0x15 ? HelloAnswer.ALERT : HelloAnswer.CLOSED;
    }
  }

  private static byte[] clientHello(int version, int[] cipherSuites) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(body);
    out.writeShort(version);
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    out.write(random);
    out.writeByte(0);
    out.writeShort(cipherSuites.length * 2);
    for (int suite : cipherSuites) {
      out.writeShort(suite);
    }
    out.writeByte(1);
    out.writeByte(0);
    byte[] extensions = helloExtensions();
    out.writeShort(extensions.length);
    out.write(extensions);
    byte[] hello = body.toByteArray();

    ByteArrayOutputStream record = new ByteArrayOutputStream();
    DataOutputStream recordOut = new DataOutputStream(record);
    recordOut.writeByte(0x16);
    recordOut.writeShort(TLS_1_0);
    recordOut.writeShort(hello.length + 4);
    recordOut.writeByte(0x01);
    recordOut.writeByte(0);
    recordOut.writeShort(hello.length);
    recordOut.write(hello);
    return record.toByteArray();
  }

  private static byte[] helloExtensions() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    // supported_groups: secp256r1, x25519.
    out.writeShort(0x000a);
    out.writeShort(6);
    out.writeShort(4);
    out.writeShort(0x0017);
    out.writeShort(0x001d);
    // ec_point_formats: uncompressed.
    out.writeShort(0x000b);
    out.writeShort(2);
    out.writeByte(1);
    out.writeByte(0);
    // signature_algorithms: ecdsa_secp256r1_sha256, rsa_pss_rsae_sha256, rsa_pkcs1_sha256.
    out.writeShort(0x000d);
    out.writeShort(8);
    out.writeShort(6);
    out.writeShort(0x0403);
    out.writeShort(0x0804);
    out.writeShort(0x0401);
    return bytes.toByteArray();
  }

  /**
   * Connects without sending anything and returns how long the agent took to close the connection,
   * or {@code null} if it was still open after {@code wait}.
   */
  public static Duration silentConnection(AgentAddress agent, Duration wait) throws IOException {
    long start = System.nanoTime();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(agent.host(), agent.port()), (int) wait.toMillis());
      socket.setSoTimeout((int) wait.toMillis());
      try {
        while (socket.getInputStream().read() >= 0) {
          // Anything the agent sends before closing is irrelevant here.
        }
      } catch (SocketTimeoutException e) {
        return null;
      } catch (IOException e) {
        // A reset counts as closing.
      }
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /**
   * Completes a handshake with {@code context} and then waits briefly for the agent's verdict: in
   * TLS 1.3 a server reports a rejected client certificate only after the client's handshake
   * completes. Returns true if the connection stayed open for {@code settle}.
   */
  public static boolean handshakeAccepted(
      AgentAddress agent, SSLContext context, String[] protocols, Duration settle)
      throws IOException {
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
      socket.connect(
          new InetSocketAddress(agent.host(), agent.port()), (int) settle.toMillis() * 4);
      offerApplicationProtocols(socket);
      socket.setEnabledProtocols(protocols);
      socket.setSoTimeout((int) settle.toMillis());
      try {
        socket.startHandshake();
        return socket.getInputStream().read() >= 0;
      } catch (SocketTimeoutException e) {
        return true;
      } catch (SSLException e) {
        return false;
      } catch (IOException e) {
        return false;
      }
    }
  }

  /**
   * Offers {@code h2} and {@code http/1.1} by ALPN, because gRPC agents close connections that do
   * not negotiate {@code h2}, while servers without ALPN ignore the offer.
   */
  private static void offerApplicationProtocols(SSLSocket socket) {
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setApplicationProtocols(new String[] {"h2", "http/1.1"});
    socket.setSSLParameters(parameters);
  }

  /**
   * Completes a TLS 1.2 handshake, then requests a renegotiation, and returns true if the agent
   * completed it.
   */
  public static boolean renegotiationAccepted(
      AgentAddress agent, SSLContext context, Duration timeout) throws IOException {
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
      socket.connect(new InetSocketAddress(agent.host(), agent.port()), (int) timeout.toMillis());
      socket.setEnabledProtocols(new String[] {"TLSv1.2"});
      socket.setSoTimeout((int) timeout.toMillis());
      socket.startHandshake();
      byte[] firstSession = socket.getSession().getId();
      try {
        socket.getSession().invalidate();
        socket.startHandshake();
        socket
            .getOutputStream()
            .write("GET / HTTP/1.1\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        socket.getInputStream().read();
        return !java.util.Arrays.equals(firstSession, socket.getSession().getId());
      } catch (IOException e) {
        return false;
      }
    }
  }
}
