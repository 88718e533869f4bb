package io.agenttransport.bench.support;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentOperation;
import io.agenttransport.json.AgentJson;
import io.agenttransport.model.ActionScheduleRequest;
import io.agenttransport.model.ActionScheduleResponse;
import io.agenttransport.model.NodeInfo;
import io.agenttransport.model.ShardList;
import io.agenttransport.model.StoreInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The raw client baseline: OkHttp with TCP_NODELAY sockets and the same TLS 1.3 setup as the
 * framework, calling agent HTTP API paths and decoding bodies with {@link AgentJson}, and nothing
 * else: no signature, no listener, no error mapping beyond a status check.
 */
public final class RawOkHttpClient implements AutoCloseable {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final int MAX_ASYNC_CALLS = FrameworkSetup.LOOPBACK_MAX_REQUESTS_PER_HOST;

  private final OkHttpClient client;

  private RawOkHttpClient(OkHttpClient client) {
    this.client = client;
  }

  /**
   * Creates a client that keeps idle connections for five minutes and resumes TLS sessions on new
   * connections.
   *
   * @param maxIdleConnections the most idle connections kept
   */
  public static RawOkHttpClient pooled(RawTls tls, int maxIdleConnections) {
    return new RawOkHttpClient(
        builder(maxIdleConnections)
            .sslSocketFactory(tls.newContext().getSocketFactory(), tls.trustManager())
            .build());
  }

  /** Creates a pooled client whose every connection uses a new TLS context, so none resumes. */
  public static RawOkHttpClient withoutResumption(RawTls tls, int maxIdleConnections) {
    return new RawOkHttpClient(
        builder(maxIdleConnections)
            .sslSocketFactory(new FreshContextSocketFactory(tls), tls.trustManager())
            .build());
  }

  private static OkHttpClient.Builder builder(int maxIdleConnections) {
    // Every agent listens on 127.0.0.1, and OkHttp limits concurrent calls per host name.
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(MAX_ASYNC_CALLS);
    dispatcher.setMaxRequestsPerHost(MAX_ASYNC_CALLS);
    return new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .socketFactory(new NoDelaySocketFactory())
        .protocols(List.of(Protocol.HTTP_1_1))
        .connectionPool(new ConnectionPool(maxIdleConnections, 5, TimeUnit.MINUTES))
        .followRedirects(false)
        .retryOnConnectionFailure(false)
        .callTimeout(Duration.ofSeconds(30));
  }

  /** Fetches and decodes the node info of the agent at {@code address}. */
  public NodeInfo nodeInfo(AgentAddress address) {
    return AgentJson.decode(get(address, AgentOperation.NODE_INFO), NodeInfo.class);
  }

  /**
   * Fetches and decodes the node info of the agent at {@code address} without blocking: OkHttp's
   * dispatcher runs the call and decodes the body on its thread, as the framework's provider does.
   */
  public CompletableFuture<NodeInfo> nodeInfoAsync(AgentAddress address) {
    return getAsync(address, AgentOperation.NODE_INFO)
        .thenApply(body -> AgentJson.decode(body, NodeInfo.class));
  }

  /** Fetches and decodes the store info of the agent at {@code address}. */
  public StoreInfo storeInfo(AgentAddress address) {
    return AgentJson.decode(get(address, AgentOperation.STORE_INFO), StoreInfo.class);
  }

  /** Fetches and decodes the shards of the agent at {@code address}. */
  public ShardList shards(AgentAddress address) {
    return AgentJson.decode(get(address, AgentOperation.SHARDS), ShardList.class);
  }

  /**
   * Syncs the agent at {@code address} without blocking: node info, store info and shards, one
   * after the other, each decoded.
   */
  public CompletableFuture<ShardList> syncAsync(AgentAddress address) {
    return getAsync(address, AgentOperation.NODE_INFO)
        .thenApply(body -> AgentJson.decode(body, NodeInfo.class))
        .thenCompose(info -> getAsync(address, AgentOperation.STORE_INFO))
        .thenApply(body -> AgentJson.decode(body, StoreInfo.class))
        .thenCompose(info -> getAsync(address, AgentOperation.SHARDS))
        .thenApply(body -> AgentJson.decode(body, ShardList.class));
  }

  /** Posts {@code request} unsigned and decodes the response. */
  public ActionScheduleResponse schedule(AgentAddress address, ActionScheduleRequest request) {
    RequestBody body = RequestBody.create(AgentJson.encode(request), JSON);
    Request post =
        new Request.Builder().url(url(address, AgentOperation.ACTION_SCHEDULE)).post(body).build();
    return AgentJson.decode(execute(post), ActionScheduleResponse.class);
  }

  /** Posts {@code request} unsigned through {@code enqueue()} and decodes the response. */
  public CompletableFuture<ActionScheduleResponse> scheduleAsync(
      AgentAddress address, ActionScheduleRequest request) {
    RequestBody body = RequestBody.create(AgentJson.encode(request), JSON);
    Request post =
        new Request.Builder().url(url(address, AgentOperation.ACTION_SCHEDULE)).post(body).build();
    return enqueue(post).thenApply(bytes -> AgentJson.decode(bytes, ActionScheduleResponse.class));
  }

  /**
   * Signs the body of {@code request} with {@code signatures}, posts it through {@code enqueue()}
   * with the signature in a header, and decodes the response.
   */
  public CompletableFuture<ActionScheduleResponse> scheduleSignedAsync(
      AgentAddress address, ActionScheduleRequest request, RawSignature signatures) {
    byte[] bytes = AgentJson.encode(request);
    Request post =
        new Request.Builder()
            .url(url(address, AgentOperation.ACTION_SCHEDULE))
            .header(RawSignature.HEADER, Base64.getEncoder().encodeToString(signatures.sign(bytes)))
            .post(RequestBody.create(bytes, JSON))
            .build();
    return enqueue(post).thenApply(body -> AgentJson.decode(body, ActionScheduleResponse.class));
  }

  /** Closes every idle connection, so that the next call opens a new one. */
  public void evictAll() {
    client.connectionPool().evictAll();
  }

  /** Returns how many connections the pool holds. */
  public int connectionCount() {
    return client.connectionPool().connectionCount();
  }

  /** Closes idle connections and stops the dispatcher's threads. */
  @Override
  public void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  private byte[] get(AgentAddress address, AgentOperation operation) {
    return execute(new Request.Builder().url(url(address, operation)).get().build());
  }

  private CompletableFuture<byte[]> getAsync(AgentAddress address, AgentOperation operation) {
    return enqueue(new Request.Builder().url(url(address, operation)).get().build());
  }

  private CompletableFuture<byte[]> enqueue(Request request) {
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    client
        .newCall(request)
        .enqueue(
            new Callback() {
              @Override
              public void onResponse(Call call, Response response) {
                try (response) {
                  result.complete(checkedBody(request, response));
                } catch (IOException | RuntimeException e) {
                  result.completeExceptionally(e);
                }
              }

              @Override
              public void onFailure(Call call, IOException e) {
                result.completeExceptionally(e);
              }
            });
    return result;
  }

  private byte[] execute(Request request) {
    try (Response response = client.newCall(request).execute()) {
      return checkedBody(request, response);
    } catch (IOException e) {
      throw new UncheckedIOException("baseline call " + request.url() + " failed", e);
    }
  }

  private static byte[] checkedBody(Request request, Response response) throws IOException {
    if (!response.isSuccessful()) {
      throw new IllegalStateException(
          "baseline call " + request.url() + " failed with status " + response.code());
    }
    return response.body().bytes();
  }

  private static String url(AgentAddress address, AgentOperation operation) {
    return "https://" + address.authority() + operation.httpPath();
  }

  /** Creates plain sockets with TCP_NODELAY set, as latency-bound clients should. */
  private static final class NoDelaySocketFactory extends SocketFactory {
    @Override
    public Socket createSocket() throws IOException {
      Socket socket = new Socket();
      socket.setTcpNoDelay(true);
      return socket;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      Socket socket = new Socket(host, port);
      socket.setTcpNoDelay(true);
      return socket;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort)
        throws IOException {
      Socket socket = new Socket(host, port, local, localPort);
      socket.setTcpNoDelay(true);
      return socket;
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      Socket socket = new Socket(host, port);
      socket.setTcpNoDelay(true);
      return socket;
    }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort)
        throws IOException {
      Socket socket = new Socket(host, port, local, localPort);
      socket.setTcpNoDelay(true);
      return socket;
    }
  }

  /** Layers TLS over each socket with a new context, whose empty session cache resumes nothing. */
  private static final class FreshContextSocketFactory extends SSLSocketFactory {
    private final RawTls tls;
    private final SSLSocketFactory template;

    FreshContextSocketFactory(RawTls tls) {
      this.tls = tls;
      this.template = tls.newContext().getSocketFactory();
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return template.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return template.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose)
        throws IOException {
      return tls.newContext().getSocketFactory().createSocket(socket, host, port, autoClose);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return tls.newContext().getSocketFactory().createSocket(host, port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort)
        throws IOException {
      return tls.newContext().getSocketFactory().createSocket(host, port, local, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return tls.newContext().getSocketFactory().createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort)
        throws IOException {
      return tls.newContext().getSocketFactory().createSocket(host, port, local, localPort);
    }
  }
}
