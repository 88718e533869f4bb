package io.agenttransport.grpc.testing;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.tck.pki.IssuedCertificate;
import io.agenttransport.tck.wire.CapturedRequest;
import io.agenttransport.tck.wire.Recorder;
import io.agenttransport.tck.wire.TapContext;
import io.agenttransport.tck.wire.WireResponse;
import io.agenttransport.tck.wire.WireTap;
import io.grpc.CallOptions;
import io.grpc.HandlerRegistry;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * The TCK's wire hook for gRPC: a recorder that is a gRPC server presenting the agent's
 * certificate, and a sender that replays a captured call with gRPC-Java.
 *
 * <p>A captured request has method {@code POST}, the gRPC path ({@code /service/method}) as target,
 * the {@code :authority} as a {@code host} field followed by the text metadata, and the serialized
 * protobuf message as body. The sender sends the {@code host} field as the call's authority.
 * Statuses map to HTTP statuses as {@link WireResponse} describes.
 */
public final class GrpcWireTap implements WireTap {
  private static final MethodDescriptor.Marshaller<byte[]> RAW = new RawMarshaller();

  /** Metadata that gRPC-Java sets itself and that the sender must not repeat. */
  private static boolean reserved(String name) {
    return name.equals("host")
        || name.equals("content-type")
        || name.equals("te")
        || name.equals("user-agent")
        || name.startsWith("grpc-")
        || name.startsWith(":");
  }

  @Override
  public Recorder startRecorder(TapContext context) {
    try {
      return new GrpcRecorder(context);
    } catch (IOException e) {
      throw new UncheckedIOException("failed to start the gRPC recorder", e);
    }
  }

  @Override
  public WireResponse send(
      CapturedRequest request, AgentAddress target, boolean tls, TapContext context) {
    if (!"POST".equals(request.method())) {
      return sendWithHttpClient(request, target, tls, context);
    }
    String authority = request.values("host").stream().findFirst().orElse(target.authority());
    NettyChannelBuilder builder =
        NettyChannelBuilder.forAddress(target.host(), target.port()).overrideAuthority(authority);
    if (tls) {
      builder.sslContext(clientTls(context));
    } else {
      builder.usePlaintext();
    }
    ManagedChannel channel =
        builder.intercept(MetadataUtils.newAttachHeadersInterceptor(metadata(request))).build();
    try {
      byte[] response =
          ClientCalls.blockingUnaryCall(
              channel,
              method(request.target().substring(1)),
              CallOptions.DEFAULT.withDeadlineAfter(
                  context.timeout().toMillis(), TimeUnit.MILLISECONDS),
              request.body());
      return new WireResponse(200, response);
    } catch (StatusRuntimeException e) {
      return new WireResponse(httpStatus(e.getStatus()), describe(e.getStatus()));
    } finally {
      channel.shutdownNow();
    }
  }

  /**
   * Sends a request whose method is not {@code POST}, which gRPC-Java cannot send, as a raw HTTP/2
   * request with the JDK's client and the gRPC message framing, and returns the agent's HTTP
   * status.
   */
  private static WireResponse sendWithHttpClient(
      CapturedRequest request, AgentAddress target, boolean tls, TapContext context) {
    byte[] message = request.body();
    ByteBuffer framed = ByteBuffer.allocate(5 + message.length);
    framed.put((byte) 0).putInt(message.length).put(message);
    HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2);
    if (tls) {
      builder.sslContext(jdkClientTls(context));
    }
    URI uri = URI.create((tls ? "https://" : "http://") + target.authority() + request.target());
    HttpRequest.Builder http =
        HttpRequest.newBuilder(uri)
            .timeout(context.timeout())
            .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(framed.array()))
            .header("content-type", "application/grpc");
    metadata(request).keys().stream()
        .filter(name -> !name.endsWith(Metadata.BINARY_HEADER_SUFFIX))
        .forEach(name -> request.values(name).forEach(value -> http.header(name, value)));
    try {
      HttpResponse<byte[]> response =
          builder.build().send(http.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new WireResponse(response.statusCode(), response.body());
    } catch (IOException e) {
      return new WireResponse(0, String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending", e);
    }
  }

  private static SSLContext jdkClientTls(TapContext context) {
    try {
      IssuedCertificate core = context.coreCertificate();
      char[] password = new char[0];
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry(
          "core", core.privateKey(), password, core.chain().toArray(new X509Certificate[0]));
      KeyManagerFactory keyManagers =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(keys, password);
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      for (int i = 0; i < context.trustedCas().size(); i++) {
        trusted.setCertificateEntry("ca-" + i, context.trustedCas().get(i));
      }
      TrustManagerFactory trustManagers =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trusted);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
      return ssl;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("failed to build the JDK client's TLS context", e);
    }
  }

  private static Metadata metadata(CapturedRequest request) {
    Metadata metadata = new Metadata();
    for (Map.Entry<String, String> field : request.fields()) {
      String name = field.getKey().toLowerCase(java.util.Locale.ROOT);
      if (!reserved(name) && !name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        metadata.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), field.getValue());
      }
    }
    return metadata;
  }

  /** Maps a gRPC status to the HTTP status an HTTP agent would send for the same outcome. */
  private static int httpStatus(Status status) {
    return switch (status.getCode()) {
      case OK -> 200;
      case INVALID_ARGUMENT -> 400;
      case UNAUTHENTICATED -> 401;
      case PERMISSION_DENIED -> 403;
      case NOT_FOUND, UNIMPLEMENTED -> 404;
      case ALREADY_EXISTS -> 409;
      case RESOURCE_EXHAUSTED -> 429;
      case UNAVAILABLE -> 0;
      default -> 500;
    };
  }

  private static byte[] describe(Status status) {
    String description = status.getDescription();
    String text = status.getCode() + (description == null ? "" : ": " + description);
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static MethodDescriptor<byte[], byte[]> method(String fullMethodName) {
    return MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(fullMethodName)
        .setRequestMarshaller(RAW)
        .setResponseMarshaller(RAW)
        .build();
  }

  private static SslContext clientTls(TapContext context) {
    IssuedCertificate core = context.coreCertificate();
    try {
      return GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
          .keyManager(core.privateKey(), core.chain())
          .trustManager(context.trustedCas())
          .build();
    } catch (SSLException e) {
      throw new IllegalStateException("failed to build the sender's TLS context", e);
    }
  }

  /** A gRPC server that records every call and fails it with {@code UNAVAILABLE}. */
  private static final class GrpcRecorder implements Recorder {
    private final BlockingQueue<CapturedRequest> captured = new LinkedBlockingQueue<>();
    private final AtomicInteger count = new AtomicInteger();
    private final Server server;
    private final AgentAddress address;

    GrpcRecorder(TapContext context) throws IOException {
      IssuedCertificate agent = context.agentCertificate();
      SslContext tls =
          GrpcSslContexts.configure(
                  SslContextBuilder.forServer(agent.privateKey(), agent.chain()), SslProvider.JDK)
              .trustManager(context.trustedCas())
              .clientAuth(ClientAuth.REQUIRE)
              .build();
      server =
          NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
              .sslContext(tls)
              .fallbackHandlerRegistry(new RecordingRegistry())
              .build()
              .start();
      address = new AgentAddress("grpcs", "127.0.0.1", server.getPort());
    }

    @Override
    public AgentAddress address() {
      return address;
    }

    @Override
    public CapturedRequest awaitRequest(Duration timeout) {
      try {
        CapturedRequest request = captured.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (request == null) {
          throw new AssertionError("no request reached the recorder within " + timeout);
        }
        return request;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for a request", e);
      }
    }

    @Override
    public int requestCount() {
      return count.get();
    }

    @Override
    public void close() {
      server.shutdownNow();
    }

    /** Serves every method name with a handler that records the call. */
    private final class RecordingRegistry extends HandlerRegistry {
      @Override
      public @Nullable ServerMethodDefinition<?, ?> lookupMethod(
          String methodName, @Nullable String authority) {
        return ServerMethodDefinition.create(method(methodName), new RecordingHandler());
      }
    }

    /** Records one unary call and fails it. */
    private final class RecordingHandler implements ServerCallHandler<byte[], byte[]> {
      @Override
      public ServerCall.Listener<byte[]> startCall(
          ServerCall<byte[], byte[]> call, Metadata headers) {
        call.request(1);
        return new ServerCall.Listener<>() {
          @Override
          public void onMessage(byte[] body) {
            captured.add(capture(call, headers, body));
            count.incrementAndGet();
          }

          @Override
          public void onHalfClose() {
            call.close(Status.UNAVAILABLE.withDescription("recorded by the TCK"), new Metadata());
          }
        };
      }
    }

    private static CapturedRequest capture(
        ServerCall<byte[], byte[]> call, Metadata headers, byte[] body) {
      List<Map.Entry<String, String>> fields = new ArrayList<>();
      String authority = call.getAuthority();
      if (authority != null) {
        fields.add(Map.entry("host", authority));
      }
      for (String name : headers.keys()) {
        if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
          continue;
        }
        Iterable<String> values =
            headers.getAll(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
        if (values != null) {
          values.forEach(value -> fields.add(Map.entry(name, value)));
        }
      }
      String target = "/" + call.getMethodDescriptor().getFullMethodName();
      return new CapturedRequest("POST", target, fields, body);
    }
  }

  /** Passes bytes through unchanged. */
  private static final class RawMarshaller implements MethodDescriptor.Marshaller<byte[]> {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try (stream) {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
