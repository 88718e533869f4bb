package io.agenttransport.tck.wire;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentOperation;
import io.agenttransport.security.OutboundRequest;
import io.agenttransport.security.signature.RequestSigner;
import io.agenttransport.tck.pki.SslContexts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.net.ssl.SSLSocket;

/**
 * A wire hook for transports that speak HTTP/1.1 over TLS, such as the agent HTTP API. It needs
 * nothing from the provider: the recorder is an {@link javax.net.ssl.SSLServerSocket} that presents
 * the agent's certificate and requires core's, and requests are resent byte for byte over a plain
 * {@link SSLSocket}.
 *
 * <p>The recorder offers no ALPN protocol, so a client that prefers HTTP/2 falls back to HTTP/1.1.
 */
public final class HttpWireTap implements WireTap {
  private final String secureScheme;

  /** Creates a hook whose recorders are addressed with {@code secureScheme}, such as https. */
  public HttpWireTap(String secureScheme) {
    this.secureScheme = secureScheme;
  }

  @Override
  public Recorder startRecorder(TapContext context) {
    return HttpRecorder.start(secureScheme, context);
  }

  @Override
  public WireResponse send(
      CapturedRequest request, AgentAddress target, boolean tls, TapContext context) {
    try (Socket socket = connect(target, tls, context)) {
      socket.setSoTimeout((int) context.timeout().toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(HttpMessages.requestHead(request));
      out.write(request.body());
      out.flush();
      return HttpMessages.readResponse(socket.getInputStream());
    } catch (IOException e) {
      return new WireResponse(0, ("connection failed: " + e).getBytes(StandardCharsets.UTF_8));
    }
  }

  private static Socket connect(AgentAddress target, boolean tls, TapContext context)
      throws IOException {
    Socket plain = new Socket();
    plain.connect(
        new InetSocketAddress(target.host(), target.port()), (int) context.timeout().toMillis());
    if (!tls) {
      return plain;
    }
    SSLSocket socket =
        (SSLSocket)
            SslContexts.of(context.coreCertificate(), context.trustedCas())
                .getSocketFactory()
                .createSocket(plain, target.host(), target.port(), true);
    socket.setUseClientMode(true);
    socket.startHandshake();
    return socket;
  }

  @Override
  public CapturedRequest resign(CapturedRequest request, String authority, RequestSigner signer) {
    String target = request.target();
    int queryStart = target.indexOf('?');
    String path = queryStart < 0 ? target : target.substring(0, queryStart);
    String query = queryStart < 0 ? "?" : target.substring(queryStart);
    String contentType = request.values("content-type").stream().findFirst().orElse(null);
    OutboundRequest outbound =
        new OutboundRequest(
            operationOf(request),
            request.method(),
            authority,
            path,
            query,
            contentType,
            request.body());
    CapturedRequest resigned =
        request
            .withoutField("content-digest")
            .withoutField("signature-input")
            .withoutField("signature");
    for (Map.Entry<String, String> field : signer.sign(outbound).entrySet()) {
      resigned = resigned.withField(field.getKey(), field.getValue());
    }
    return resigned;
  }

  private static AgentOperation operationOf(CapturedRequest request) {
    for (AgentOperation operation : AgentOperation.values()) {
      boolean samePath =
          operation == AgentOperation.ACTION_LOOKUP
              ? request.path().startsWith(operation.httpPath())
              : request.path().equals(operation.httpPath());
      if (samePath && operation.httpMethod().equals(request.method())) {
        return operation;
      }
    }
    return AgentOperation.ACTION_SCHEDULE;
  }

  @Override
  public boolean carriesJsonBodies() {
    return true;
  }

  @Override
  public boolean supportsRedirects() {
    return true;
  }

  /** Reads exactly {@code length} bytes, or up to the end of the stream when it is negative. */
  static byte[] readFully(InputStream in, int length) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int remaining = length;
    while (remaining != 0) {
      int read =
          in.read(buffer, 0, remaining < 0 ? buffer.length : Math.min(buffer.length, remaining));
      if (read < 0) {
        if (remaining > 0) {
          throw new UncheckedIOException(new IOException("connection closed inside a body"));
        }
        break;
      }
      out.write(buffer, 0, read);
      remaining = remaining < 0 ? -1 : remaining - read;
    }
    return out.toByteArray();
  }
}
