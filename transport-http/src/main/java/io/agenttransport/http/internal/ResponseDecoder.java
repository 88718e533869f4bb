package io.agenttransport.http.internal;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentErrorException;
import io.agenttransport.api.AgentOperation;
import io.agenttransport.api.ConflictException;
import io.agenttransport.api.NotFoundException;
import io.agenttransport.api.ProtocolException;
import io.agenttransport.api.RejectionReason;
import io.agenttransport.api.RequestRejectedException;
import io.agenttransport.api.TransportException;
import io.agenttransport.json.AgentJson;
import io.agenttransport.model.ErrorBody;
import java.io.IOException;
import java.util.Set;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns an agent's HTTP response into a model value or the framework exception for its status. */
final class ResponseDecoder {
  private static final Logger LOG = LoggerFactory.getLogger(ResponseDecoder.class);

  /** The statuses an agent uses for policy rejections, with the reason in a header. */
  private static final Set<Integer> REJECTION_STATUSES = Set.of(400, 401, 403, 413, 429, 503);

  private final long maxResponseBytes;

  ResponseDecoder(long maxResponseBytes) {
    this.maxResponseBytes = Math.min(maxResponseBytes, Integer.MAX_VALUE - 8);
  }

  /**
   * Returns the decoded body of a 2xx response.
   *
   * @throws TransportException for any other status, an oversized or malformed body
   * @throws IOException if the body cannot be read
   */
  <T> T decode(Response response, Class<T> type, AgentAddress agent, AgentOperation operation)
      throws IOException {
    int status = response.code();
    if (status >= 300 && status < 400) {
      throw new ProtocolException(
          "agent responded with redirect status "
              + status
              + " to '"
              + response.header("Location", "")
              + "'; redirects are not followed, so check the agent address",
          agent,
          operation,
          null);
    }
    byte[] body = readBody(response.body(), agent, operation);
    if (status < 200 || status >= 300) {
      throw errorFor(response, body, agent, operation);
    }
    try {
      return AgentJson.decode(body, type);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException(
          "invalid " + type.getSimpleName() + " in the response body: " + e.getMessage(),
          agent,
          operation,
          e);
    }
  }

  private byte[] readBody(ResponseBody body, AgentAddress agent, AgentOperation operation)
      throws IOException {
    long declared = body.contentLength();
    if (declared > maxResponseBytes) {
      throw tooLarge(declared + " bytes", agent, operation);
    }
    // The source buffers in OkHttp's pooled segments, and only the final array is allocated.
    BufferedSource source = body.source();
    if (source.request(maxResponseBytes + 1)) {
      throw tooLarge("more than " + maxResponseBytes + " bytes", agent, operation);
    }
    return source.readByteArray();
  }

  private ProtocolException tooLarge(String size, AgentAddress agent, AgentOperation operation) {
    return new ProtocolException(
        "response body of "
            + size
            + " exceeds client.max_response_bytes ("
            + maxResponseBytes
            + "); raise that setting if the agent is expected to send more",
        agent,
        operation,
        null);
  }

  private static TransportException errorFor(
      Response response, byte[] body, AgentAddress agent, AgentOperation operation) {
    int status = response.code();
    if (status == 404) {
      return new NotFoundException(agent, operation);
    }
    ErrorBody error = errorBody(body, agent);
    if (status == 409) {
      return new ConflictException(error, agent, operation);
    }
    RejectionReason reason = rejectionReason(response, agent);
    if (reason != null && REJECTION_STATUSES.contains(status)) {
      String message = error == null ? "agent rejected the request" : error.message();
      return new RequestRejectedException(reason, message, agent, operation);
    }
    return new AgentErrorException(status, error, agent, operation);
  }

  private static @Nullable RejectionReason rejectionReason(Response response, AgentAddress agent) {
    String value = response.header(HttpWire.REJECTION_HEADER);
    if (value == null) {
      return null;
    }
    try {
      return RejectionReason.valueOf(value.trim());
    } catch (IllegalArgumentException e) {
      LOG.warn(
          "Agent {} sent an unknown {} header value '{}'; reporting the status instead",
          agent,
          HttpWire.REJECTION_HEADER,
          value);
      return null;
    }
  }

  private static @Nullable ErrorBody errorBody(byte[] body, AgentAddress agent) {
    if (body.length == 0) {
      return null;
    }
    try {
      return AgentJson.decode(body, ErrorBody.class);
    } catch (IllegalArgumentException e) {
      LOG.debug("Agent {} sent an error body that is not the agent API error shape", agent, e);
      return null;
    }
  }
}
