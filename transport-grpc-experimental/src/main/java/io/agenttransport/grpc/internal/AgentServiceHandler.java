package io.agenttransport.grpc.internal;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.agenttransport.api.Agent;
import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentErrorException;
import io.agenttransport.api.AgentOperation;
import io.agenttransport.api.CallEvent;
import io.agenttransport.api.NotFoundException;
import io.agenttransport.api.RejectionReason;
import io.agenttransport.api.RequestRejectedException;
import io.agenttransport.grpc.internal.proto.LookupActionRequest;
import io.agenttransport.grpc.internal.proto.ScheduleActionRequest;
import io.agenttransport.model.ErrorBody;
import io.agenttransport.security.InboundRequest;
import io.agenttransport.security.RequestGuard;
import io.agenttransport.spi.ServerContext;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one call on the agent: reports what the transport saw to the {@link RequestGuard}, and
 * only when the guard accepts it parses the request bytes and calls the {@link Agent}.
 */
final class AgentServiceHandler {
  private static final Logger LOG = LoggerFactory.getLogger(AgentServiceHandler.class);
  private static final String TRANSPORT = "grpc";

  private final ServerContext context;
  private final Agent agent;
  private final Supplier<AgentAddress> boundAddress;

  AgentServiceHandler(ServerContext context, Agent agent, Supplier<AgentAddress> boundAddress) {
    this.context = context;
    this.agent = agent;
    this.boundAddress = boundAddress;
  }

  /** Serves one unary call of {@code operation} whose request bytes are {@code body}. */
  void serve(AgentOperation operation, byte[] body, StreamObserver<Message> responses) {
    long started = System.nanoTime();
    CallFacts facts = CallFacts.KEY.get();
    try {
      context.guard().check(inboundRequest(operation, body, facts));
      Message response = invoke(operation, body);
      responses.onNext(response);
      responses.onCompleted();
      report(operation, started, CallEvent.OK, null);
    } catch (RequestRejectedException e) {
      // The guard has logged the rejection with its details.
      LOG.debug("rejected {} from {}: {}", operation, peer(facts), e.reason());
      responses.onError(StatusMapping.rejected(e));
      report(operation, started, e.kind(), e.reason());
    } catch (AgentErrorException e) {
      responses.onError(StatusMapping.agentError(e));
      report(operation, started, e.kind(), null);
    } catch (RuntimeException e) {
      LOG.error("agent failed to serve {} from {}", operation, peer(facts), e);
      AgentErrorException error =
          new AgentErrorException(
              500, ErrorBody.of("agent failed to serve the request"), null, null);
      responses.onError(StatusMapping.agentError(error));
      report(operation, started, error.kind(), null);
    }
  }

  private InboundRequest inboundRequest(AgentOperation operation, byte[] body, CallFacts facts) {
    SSLSession session = facts.attributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
    Map<String, String> derived =
        Map.of(
            "@method",
            GrpcRequests.METHOD,
            "@authority",
            facts.authority() == null ? "" : facts.authority(),
            "@path",
            GrpcMethods.path(operation),
            "@query",
            GrpcRequests.QUERY);
    return new InboundRequest(
        operation,
        session != null,
        peerCertificates(session),
        localAddress(facts),
        derived,
        fields(facts.headers()),
        body);
  }

  private static List<X509Certificate> peerCertificates(@Nullable SSLSession session) {
    if (session == null) {
      return List.of();
    }
    try {
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate certificate : session.getPeerCertificates()) {
        if (certificate instanceof X509Certificate x509) {
          chain.add(x509);
        }
      }
      return chain;
    } catch (SSLPeerUnverifiedException e) {
      return List.of();
    }
  }

  private InetSocketAddress localAddress(CallFacts facts) {
    SocketAddress local = facts.attributes().get(Grpc.TRANSPORT_ATTR_LOCAL_ADDR);
    if (local instanceof InetSocketAddress inet) {
      return inet;
    }
    AgentAddress bound = boundAddress.get();
    return new InetSocketAddress(bound.host(), bound.port());
  }

  /**
   * Returns the text metadata, lower-case name to every value in order. gRPC-Java rejects a call
   * whose content type is not {@code application/grpc} or a subtype before it reaches a handler.
   * When the metadata does not carry the content type, it is added as {@code application/grpc}, the
   * value gRPC-Java clients send and sign. A client that signed a subtype then fails verification,
   * which rejects its request rather than accepting it.
   */
  private static Map<String, List<String>> fields(Metadata headers) {
    Set<String> names = headers.keys();
    Map<String, List<String>> fields = new HashMap<>(names.size() * 2 + 2);
    for (String name : names) {
      if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        continue;
      }
      Iterable<String> values =
          headers.getAll(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
      List<String> list = new ArrayList<>(1);
      if (values != null) {
        values.forEach(list::add);
      }
      fields.put(name, list);
    }
    fields.putIfAbsent("content-type", List.of(GrpcRequests.CONTENT_TYPE));
    return fields;
  }

  private Message invoke(AgentOperation operation, byte[] body) {
    return switch (operation) {
      case NODE_INFO -> ProtoMapper.toProto(agent.nodeInfo());
      case STORE_INFO -> ProtoMapper.toProto(agent.storeInfo());
      case SHARDS -> ProtoMapper.toProto(agent.shards());
      case ACTION_QUEUE -> ProtoMapper.toProto(agent.actionQueue());
      case ACTIONS_FINISHED -> ProtoMapper.toProto(agent.actionsFinished());
      case ACTION_LOOKUP -> lookup(body);
      case ACTION_SCHEDULE -> ProtoMapper.toProto(agent.scheduleAction(parseScheduleRequest(body)));
    };
  }

  private Message lookup(byte[] body) {
    UUID id;
    try {
      id = ProtoMapper.uuid(LookupActionRequest.parseFrom(body).getId(), "id");
    } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
      throw AgentErrorException.badRequest("invalid action lookup request: " + e.getMessage());
    }
    return ProtoMapper.toProto(
        agent
            .actionLookup(id)
            .orElseThrow(() -> new NotFoundException(null, AgentOperation.ACTION_LOOKUP)));
  }

  private static io.agenttransport.model.ActionScheduleRequest parseScheduleRequest(byte[] body) {
    try {
      return ProtoMapper.fromProto(ScheduleActionRequest.parseFrom(body));
    } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
      throw AgentErrorException.badRequest("invalid schedule request: " + e.getMessage());
    }
  }

  private void report(
      AgentOperation operation, long started, String outcome, @Nullable RejectionReason reason) {
    Duration duration = Duration.ofNanos(System.nanoTime() - started);
    CallEvent event =
        new CallEvent(
            CallEvent.Side.SERVER,
            operation,
            boundAddress.get(),
            TRANSPORT,
            duration,
            outcome,
            reason);
    try {
      context.listener().onCall(event);
    } catch (RuntimeException e) {
      LOG.warn("call listener failed on {}; ignoring it", operation, e);
    }
  }

  private static @Nullable SocketAddress peer(CallFacts facts) {
    return facts.attributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
  }
}
