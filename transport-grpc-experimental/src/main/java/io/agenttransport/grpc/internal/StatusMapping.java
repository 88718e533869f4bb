package io.agenttransport.grpc.internal;

import com.google.protobuf.InvalidProtocolBufferException;
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
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * Maps failures to gRPC statuses on the agent and back to the framework's exceptions in core, so
 * that no gRPC type leaves this module.
 *
 * <p>Besides the status code, the agent sends trailers that keep what the code cannot: {@value
 * #REJECTION_HEADER} with the {@link RejectionReason} name, {@value #HTTP_STATUS_HEADER} with the
 * status an HTTP agent would send, and {@value #ERROR_BODY_HEADER} with the error body message.
 */
public final class StatusMapping {
  /** The trailer that names the rejection reason. */
  public static final String REJECTION_HEADER = "agent-transport-rejection";

  /** The trailer with the HTTP status of an agent error. */
  public static final String HTTP_STATUS_HEADER = "agent-transport-status";

  /** The trailer with the serialized {@code ErrorBody} message. */
  public static final String ERROR_BODY_HEADER = "agent-transport-error-bin";

  static final Metadata.Key<String> REJECTION =
      Metadata.Key.of(REJECTION_HEADER, Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> HTTP_STATUS =
      Metadata.Key.of(HTTP_STATUS_HEADER, Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<byte[]> ERROR_BODY =
      Metadata.Key.of(ERROR_BODY_HEADER, Metadata.BINARY_BYTE_MARSHALLER);

  private StatusMapping() {}

  /** Returns the status and trailers that report a policy rejection to core. */
  public static StatusRuntimeException rejected(RequestRejectedException rejection) {
    RejectionReason reason = rejection.reason();
    Metadata trailers = new Metadata();
    trailers.put(REJECTION, reason.name());
    Status status = rejectionStatus(reason).withDescription(reason.name());
    return status.asRuntimeException(trailers);
  }

  private static Status rejectionStatus(RejectionReason reason) {
    return switch (reason.httpStatus()) {
      case 400 -> Status.INVALID_ARGUMENT;
      case 401 -> Status.UNAUTHENTICATED;
      case 413, 503 -> Status.RESOURCE_EXHAUSTED;
      default -> Status.PERMISSION_DENIED;
    };
  }

  /** Returns the status and trailers that carry an agent's error to core. */
  public static StatusRuntimeException agentError(AgentErrorException error) {
    Metadata trailers = new Metadata();
    trailers.put(HTTP_STATUS, Integer.toString(error.status()));
    ErrorBody body = error.body();
    if (body != null) {
      trailers.put(ERROR_BODY, ProtoMapper.toProto(body).toByteArray());
    }
    Status status = errorStatus(error);
    return status
        .withDescription(body == null ? null : body.message())
        .asRuntimeException(trailers);
  }

  private static Status errorStatus(AgentErrorException error) {
    if (error instanceof ConflictException) {
      return Status.ALREADY_EXISTS;
    }
    if (error instanceof NotFoundException) {
      return Status.NOT_FOUND;
    }
    int status = error.status();
    if (status == 400) {
      return Status.INVALID_ARGUMENT;
    }
    return status >= 400 && status < 500 ? Status.FAILED_PRECONDITION : Status.INTERNAL;
  }

  /**
   * Returns the framework's exception for a call that ended with {@code status}.
   *
   * @param status the status core received
   * @param trailers the trailers core received, possibly empty
   */
  public static TransportException toException(
      Status status, Metadata trailers, AgentAddress agent, AgentOperation operation) {
    String reason = trailers.get(REJECTION);
    if (reason != null) {
      return rejection(reason, status, agent, operation);
    }
    return switch (status.getCode()) {
      case UNAVAILABLE -> unavailable(status, agent, operation);
      case DEADLINE_EXCEEDED ->
          new CallTimeoutException(
              "deadline exceeded before the agent sent a response; raise the deadline or check the agent",
              agent,
              operation,
              status.asException());
      case UNAUTHENTICATED ->
          new AuthenticationFailedException(
              "agent rejected core's identity: " + describe(status), agent, operation, null);
      case NOT_FOUND -> new NotFoundException(agent, operation);
      case ALREADY_EXISTS -> new ConflictException(errorBody(trailers), agent, operation);
      case INVALID_ARGUMENT -> new AgentErrorException(400, errorBody(trailers), agent, operation);
      case UNIMPLEMENTED -> unimplemented(status, agent, operation);
      case RESOURCE_EXHAUSTED -> resourceExhausted(status, agent, operation);
      default -> otherError(status, trailers, agent, operation);
    };
  }

  private static TransportException rejection(
      String reason, Status status, AgentAddress agent, AgentOperation operation) {
    RejectionReason parsed;
    try {
      parsed = RejectionReason.valueOf(reason);
    } catch (IllegalArgumentException e) {
      return new ProtocolException(
          "agent sent an unknown rejection reason '" + reason + "' with status " + status.getCode(),
          agent,
          operation,
          e);
    }
    return new RequestRejectedException(parsed, "agent rejected the request", agent, operation);
  }

  private static TransportException unavailable(
      Status status, AgentAddress agent, AgentOperation operation) {
    Throwable tlsFailure = findTlsFailure(status.getCause());
    if (tlsFailure != null) {
      return new AuthenticationFailedException(
          "TLS handshake with the agent failed: "
              + tlsFailure.getMessage()
              + "; check that the agent's certificate names this address and that both sides"
              + " trust each other's CA",
          agent,
          operation,
          tlsFailure);
    }
    return new AgentUnreachableException(
        "agent unreachable: " + describe(status) + "; check that the agent runs at this address",
        agent,
        operation,
        status.getCause());
  }

  private static @Nullable Throwable findTlsFailure(@Nullable Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof SSLException) {
        return cause;
      }
    }
    return null;
  }

  private static TransportException unimplemented(
      Status status, AgentAddress agent, AgentOperation operation) {
    if (operation.isActionOperation()) {
      return new RequestRejectedException(
          RejectionReason.ACTIONS_DISABLED,
          "agent does not serve action operations; enable actions with mutual TLS on the agent",
          agent,
          operation);
    }
    return new ProtocolException(
        "agent does not implement " + GrpcMethods.path(operation) + ": " + describe(status),
        agent,
        operation,
        null);
  }

  /**
   * Maps a size limit that gRPC-Java enforced before the agent's handler ran. Only lookup and
   * schedule requests carry a body, so for them the agent's request limit is the likely cause. For
   * the other operations it can only be core's response limit.
   */
  private static TransportException resourceExhausted(
      Status status, AgentAddress agent, AgentOperation operation) {
    if (operation == AgentOperation.ACTION_SCHEDULE || operation == AgentOperation.ACTION_LOOKUP) {
      return new RequestRejectedException(
          RejectionReason.BODY_TOO_LARGE,
          "request exceeds a size limit: " + describe(status),
          agent,
          operation);
    }
    return new ProtocolException(
        "response exceeds a size limit: "
            + describe(status)
            + "; raise max_response_bytes if the agent's response is expected to be this large",
        agent,
        operation,
        null);
  }

  private static TransportException otherError(
      Status status, Metadata trailers, AgentAddress agent, AgentOperation operation) {
    String httpStatus = trailers.get(HTTP_STATUS);
    if (httpStatus != null) {
      try {
        return new AgentErrorException(
            Integer.parseInt(httpStatus), errorBody(trailers), agent, operation);
      } catch (NumberFormatException e) {
        return new ProtocolException(
            "agent sent an invalid " + HTTP_STATUS_HEADER + " '" + httpStatus + "'",
            agent,
            operation,
            e);
      }
    }
    if (status.getCode() == Status.Code.INTERNAL || status.getCode() == Status.Code.UNKNOWN) {
      return new AgentErrorException(500, ErrorBody.of(describe(status)), agent, operation);
    }
    return new ProtocolException(
        "call failed with gRPC status " + describe(status), agent, operation, null);
  }

  private static @Nullable ErrorBody errorBody(Metadata trailers) {
    byte[] bytes = trailers.get(ERROR_BODY);
    if (bytes == null) {
      return null;
    }
    try {
      return ProtoMapper.fromProto(
          io.agenttransport.grpc.internal.proto.ErrorBody.parseFrom(bytes));
    } catch (InvalidProtocolBufferException e) {
      return ErrorBody.of("agent sent an unreadable error body");
    }
  }

  private static String describe(Status status) {
    String description = status.getDescription();
    return description == null
        ? status.getCode().toString()
        : status.getCode() + " (" + description + ")";
  }
}
