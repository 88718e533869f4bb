package io.agenttransport.http.internal;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentOperation;
import io.agenttransport.api.AgentUnreachableException;
import io.agenttransport.api.AuthenticationFailedException;
import io.agenttransport.api.ProtocolException;
import io.agenttransport.api.TransportException;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.jspecify.annotations.Nullable;

/**
 * Maps the I/O errors of an OkHttp call that failed before a response arrived to the framework's
 * exceptions, so that no OkHttp or JDK networking type reaches the caller.
 */
final class FailureMapper {
  private final Duration connectTimeout;
  private final Duration handshakeTimeout;

  FailureMapper(Duration connectTimeout, Duration handshakeTimeout) {
    this.connectTimeout = connectTimeout;
    this.handshakeTimeout = handshakeTimeout;
  }

  /**
   * Returns the exception for {@code error}, which ended a call that was not cancelled.
   *
   * @param trace how far the call got, or {@code null} if unknown
   */
  TransportException map(
      IOException error, AgentAddress agent, AgentOperation operation, @Nullable CallTrace trace) {
    if (isCertificateFailure(error)) {
      return new AuthenticationFailedException(
          "TLS authentication failed ("
              + error.getMessage()
              + "); check that the agent's certificate is signed by a CA in tls.ca_bundle and"
              + " names the address, and that the agent accepts core's certificate",
          agent,
          operation,
          error);
    }
    if (error instanceof SocketTimeoutException) {
      return new AgentUnreachableException(
          "connect or TLS handshake timed out (connect timeout "
              + connectTimeout
              + ", handshake timeout "
              + handshakeTimeout
              + "); check that the agent is running and reachable",
          agent,
          operation,
          error);
    }
    if (trace != null && trace.failedAfterHandshakeStarted() && isConnectionLoss(error)) {
      // NOTE: an agent that crashes during or right after a handshake is reported the same way,
      // because core's side cannot distinguish the two.
      return new AuthenticationFailedException(
          "the agent closed the connection during or right after the TLS handshake ("
              + error.getMessage()
              + "); a TLS 1.3 agent does this when it rejects core's certificate, so check that"
              + " the agent trusts core's CA and accepts core's identity",
          agent,
          operation,
          error);
    }
    if (error instanceof java.net.ProtocolException) {
      return new ProtocolException(
          "invalid HTTP response (" + error.getMessage() + ")", agent, operation, error);
    }
    return new AgentUnreachableException(reachabilityMessage(error), agent, operation, error);
  }

  private static String reachabilityMessage(IOException error) {
    if (error instanceof ConnectException) {
      return "connection refused; check that the agent is running and listening on this address";
    }
    if (error instanceof UnknownHostException || error instanceof NoRouteToHostException) {
      return "host not reachable (" + error.getMessage() + "); check the agent address";
    }
    return "connection failed (" + error + "); the agent closed or reset the connection";
  }

  /** Returns whether {@code error} means the peer closed or reset the connection. */
  private static boolean isConnectionLoss(IOException error) {
    return error instanceof SocketException
        || error instanceof EOFException
        || error instanceof SSLException
        || (error.getCause() instanceof EOFException);
  }

  /**
   * Returns whether {@code error} is a failed TLS handshake or a rejected certificate rather than a
   * network failure during the handshake.
   */
  private static boolean isCertificateFailure(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof CertificateException
          || cause instanceof SSLPeerUnverifiedException
          || cause instanceof SSLHandshakeException) {
        return true;
      }
      if (cause instanceof SSLException && isAlert(cause.getMessage())) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  private static boolean isAlert(String message) {
    return message != null && message.contains("alert");
  }
}
