package io.agenttransport.grpc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentErrorException;
import io.agenttransport.api.AgentOperation;
import io.agenttransport.api.AgentUnreachableException;
import io.agenttransport.api.AuthenticationFailedException;
import io.agenttransport.api.CallTimeoutException;
import io.agenttransport.api.ConflictException;
import io.agenttransport.api.NotFoundException;
import io.agenttransport.api.ProtocolException;
import io.agenttransport.api.RejectionReason;
import io.agenttransport.api.RequestRejectedException;
import io.agenttransport.api.TransportException;
import io.agenttransport.model.ErrorBody;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StatusMappingTest {
  private static final AgentAddress AGENT = AgentAddress.parse("grpcs://127.0.0.1:9443");
  private static final AgentOperation OPERATION = AgentOperation.NODE_INFO;

  @ParameterizedTest
  @EnumSource(RejectionReason.class)
  void rejectionSurvivesTrailers(RejectionReason reason) {
    StatusRuntimeException sent =
        StatusMapping.rejected(new RequestRejectedException(reason, "test", null, OPERATION));

    TransportException received = receive(sent);

    assertThat(received).isInstanceOf(RequestRejectedException.class);
    assertThat(((RequestRejectedException) received).reason()).isEqualTo(reason);
  }

  @Test
  void nonceCacheFullIsResourceExhausted() {
    StatusRuntimeException sent =
        StatusMapping.rejected(
            new RequestRejectedException(
                RejectionReason.NONCE_CACHE_FULL, "test", null, OPERATION));

    assertThat(sent.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
  }

  @Test
  void agentErrorKeepsStatusAndBody() {
    ErrorBody body = new ErrorBody("disk full", "no space left", List.of("disk full", "ENOSPC"));
    StatusRuntimeException sent =
        StatusMapping.agentError(new AgentErrorException(507, body, null, null));

    TransportException received = receive(sent);

    assertThat(received).isExactlyInstanceOf(AgentErrorException.class);
    assertThat(((AgentErrorException) received).status()).isEqualTo(507);
    assertThat(((AgentErrorException) received).body()).isEqualTo(body);
  }

  @Test
  void conflictIsAlreadyExists() {
    StatusRuntimeException sent =
        StatusMapping.agentError(new ConflictException(ErrorBody.of("exists"), null, null));

    assertThat(sent.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
    assertThat(receive(sent)).isInstanceOf(ConflictException.class);
  }

  @Test
  void notFoundIsNotFound() {
    StatusRuntimeException sent = StatusMapping.agentError(new NotFoundException(null, null));

    assertThat(sent.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(receive(sent)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void unavailableIsUnreachable() {
    TransportException error = map(Status.UNAVAILABLE.withDescription("connection refused"));

    assertThat(error).isInstanceOf(AgentUnreachableException.class);
    assertThat(error.agent()).isEqualTo(AGENT);
  }

  @Test
  void handshakeFailureIsAuthenticationFailed() {
    Status status =
        Status.UNAVAILABLE.withCause(
            new RuntimeException(new SSLHandshakeException("no subject alternative name")));

    assertThat(map(status)).isInstanceOf(AuthenticationFailedException.class);
  }

  @Test
  void deadlineExceededIsTimeout() {
    assertThat(map(Status.DEADLINE_EXCEEDED)).isInstanceOf(CallTimeoutException.class);
  }

  @Test
  void unauthenticatedIsAuthenticationFailed() {
    assertThat(map(Status.UNAUTHENTICATED)).isInstanceOf(AuthenticationFailedException.class);
  }

  @Test
  void unimplementedActionIsActionsDisabled() {
    TransportException error =
        StatusMapping.toException(
            Status.UNIMPLEMENTED, new Metadata(), AGENT, AgentOperation.ACTION_QUEUE);

    assertThat(error).isInstanceOf(RequestRejectedException.class);
    assertThat(((RequestRejectedException) error).reason())
        .isEqualTo(RejectionReason.ACTIONS_DISABLED);
  }

  @Test
  void unknownRejectionReasonIsProtocolError() {
    Metadata trailers = new Metadata();
    trailers.put(StatusMapping.REJECTION, "NOT_A_REASON");

    TransportException error =
        StatusMapping.toException(Status.PERMISSION_DENIED, trailers, AGENT, OPERATION);

    assertThat(error).isInstanceOf(ProtocolException.class);
  }

  @Test
  void internalWithoutTrailersIsAgentError500() {
    TransportException error = map(Status.INTERNAL.withDescription("boom"));

    assertThat(error).isExactlyInstanceOf(AgentErrorException.class);
    assertThat(((AgentErrorException) error).status()).isEqualTo(500);
  }

  private static TransportException map(Status status) {
    return StatusMapping.toException(status, new Metadata(), AGENT, OPERATION);
  }

  private static TransportException receive(StatusRuntimeException sent) {
    return StatusMapping.toException(sent.getStatus(), sent.getTrailers(), AGENT, OPERATION);
  }
}
