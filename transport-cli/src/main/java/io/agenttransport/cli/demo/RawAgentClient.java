package io.agenttransport.cli.demo;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentOperation;
import io.agenttransport.security.OutboundRequest;
import io.agenttransport.security.signature.RequestSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * A bare HTTP client outside the framework, as someone who captured core's traffic would use: it
 * sends prepared requests byte for byte, so that the demo can replay or tamper with them.
 */
final class RawAgentClient {
  /** The response header in which an HTTP agent names the rejection reason. */
  static final String REJECTION_HEADER = "agent-transport-rejection";

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final char[] STORE_PASSWORD = "demo".toCharArray();

  private final HttpClient client;

  private RawAgentClient(HttpClient client) {
    this.client = client;
  }

  /** Returns a client for plain HTTP. */
  static RawAgentClient plain() {
    return new RawAgentClient(builder().build());
  }

  /**
   * Returns a client that presents {@code key} and {@code chain} and trusts only {@code ca}, the
   * same certificates core uses.
   */
  static RawAgentClient mutualTls(PrivateKey key, X509Certificate[] chain, X509Certificate ca)
      throws GeneralSecurityException, IOException {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("client", key, STORE_PASSWORD, chain);
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, STORE_PASSWORD);

    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("ca", ca);
    TrustManagerFactory trustManagers =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trusted);

    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
    return new RawAgentClient(builder().sslContext(context).build());
  }

  private static HttpClient.Builder builder() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER);
  }

  /**
   * Prepares a signed schedule request for {@code agent}, as core would send it.
   *
   * @param body the JSON body
   */
  static CapturedRequest signSchedule(AgentAddress agent, byte[] body, RequestSigner signer) {
    AgentOperation operation = AgentOperation.ACTION_SCHEDULE;
    OutboundRequest request =
        new OutboundRequest(
            operation,
            operation.httpMethod(),
            agent.authority(),
            operation.httpPath(),
            "?",
            CapturedRequest.JSON,
            body);
    return new CapturedRequest(agent, operation.httpPath(), body, signer.sign(request));
  }

  /** Sends {@code request} exactly as captured. */
  RawResponse send(CapturedRequest request) throws IOException, InterruptedException {
    String scheme = request.agent().scheme().equals("https") ? "https" : "http";
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(
                URI.create(scheme + "://" + request.agent().authority() + request.path()))
            .timeout(TIMEOUT)
            .header("content-type", CapturedRequest.JSON)
            .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
    request.signatureFields().forEach(builder::header);
    HttpResponse<String> response =
        client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    return new RawResponse(
        response.statusCode(), response.headers().firstValue(REJECTION_HEADER).orElse(null));
  }

  /**
   * A request as it went over the wire.
   *
   * @param agent the agent it was sent to
   * @param path the request path
   * @param body the body bytes
   * @param signatureFields the signature fields, lower-case name to value
   */
  record CapturedRequest(
      AgentAddress agent, String path, byte[] body, Map<String, String> signatureFields) {
    static final String JSON = "application/json";

    CapturedRequest {
      signatureFields = new LinkedHashMap<>(signatureFields);
    }

    /** Returns a copy with another body but the original signature fields. */
    CapturedRequest withBody(byte[] newBody) {
      return new CapturedRequest(agent, path, newBody.clone(), signatureFields);
    }

    /** Returns the path and fields only: the signature is never shown. */
    @Override
    public String toString() {
      return "CapturedRequest[" + agent + path + "]";
    }
  }

  /**
   * The status and rejection reason of an agent's response to a raw request.
   *
   * @param status the HTTP status
   * @param rejection the rejection reason the agent named, or {@code null}
   */
  record RawResponse(int status, @Nullable String rejection) {}
}
