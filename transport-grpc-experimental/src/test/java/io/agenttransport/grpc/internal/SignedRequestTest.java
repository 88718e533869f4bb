package io.agenttransport.grpc.internal;

import static io.agenttransport.grpc.testing.FixtureAgent.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentErrorException;
import io.agenttransport.api.AgentOperation;
import io.agenttransport.api.AuthenticationFailedException;
import io.agenttransport.api.RejectionReason;
import io.agenttransport.api.RequestRejectedException;
import io.agenttransport.api.TransportException;
import io.agenttransport.config.ClientSettings;
import io.agenttransport.grpc.internal.proto.ScheduleActionRequest;
import io.agenttransport.grpc.internal.proto.ScheduleActionResponse;
import io.agenttransport.grpc.testing.FixtureAgent;
import io.agenttransport.grpc.testing.GrpcTestBed;
import io.agenttransport.security.OutboundRequest;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Sends hand-made calls to a running agent, bypassing core's channel, to check that the agent's
 * guard receives exactly the bytes and metadata on the wire.
 */
class SignedRequestTest {
  private static final AgentOperation SCHEDULE = AgentOperation.ACTION_SCHEDULE;

  @Test
  void signedRawRequestIsAccepted() throws Exception {
    FixtureAgent agent = new FixtureAgent();
    try (GrpcTestBed bed = GrpcTestBed.mutualTls(agent)) {
      byte[] body = scheduleBody(UUID.randomUUID());
      AgentAddress address = bed.server().boundAddress();

      var response = send(address, coreTls(), body, sign(address.authority(), body));

      assertThat(response).isInstanceOf(ScheduleActionResponse.class);
      assertThat(agent.scheduled()).hasSize(1);
    }
  }

  @Test
  void tamperedBodyIsRejected() throws Exception {
    FixtureAgent agent = new FixtureAgent();
    try (GrpcTestBed bed = GrpcTestBed.mutualTls(agent)) {
      AgentAddress address = bed.server().boundAddress();
      Metadata headers = sign(address.authority(), scheduleBody(UUID.randomUUID()));
      byte[] tampered = scheduleBody(UUID.randomUUID());

      TransportException error = sendExpectingFailure(address, coreTls(), tampered, headers);

      assertThat(reason(error)).isEqualTo(RejectionReason.DIGEST_MISMATCH);
      assertThat(agent.scheduled()).isEmpty();
    }
  }

  @Test
  void replayedRequestIsRejected() throws Exception {
    FixtureAgent agent = new FixtureAgent();
    try (GrpcTestBed bed = GrpcTestBed.mutualTls(agent)) {
      AgentAddress address = bed.server().boundAddress();
      byte[] body = scheduleBody(UUID.randomUUID());
      Metadata headers = sign(address.authority(), body);
      send(address, coreTls(), body, headers);

      TransportException error = sendExpectingFailure(address, coreTls(), body, headers);

      assertThat(reason(error)).isEqualTo(RejectionReason.REPLAYED_NONCE);
      assertThat(agent.scheduled()).hasSize(1);
    }
  }

  @Test
  void unsignedScheduleIsRejected() throws Exception {
    FixtureAgent agent = new FixtureAgent();
    try (GrpcTestBed bed = GrpcTestBed.mutualTls(agent)) {
      AgentAddress address = bed.server().boundAddress();

      TransportException error =
          sendExpectingFailure(address, coreTls(), scheduleBody(UUID.randomUUID()), new Metadata());

      assertThat(reason(error)).isEqualTo(RejectionReason.SIGNATURE_MISSING);
      assertThat(agent.scheduled()).isEmpty();
    }
  }

  /**
   * The {@code :authority} on the wire stays this agent's, so the signature base differs from the
   * one signed for the other agent and the signature does not verify.
   */
  @Test
  void signatureForAnotherAgentIsRejected() throws Exception {
    FixtureAgent agent = new FixtureAgent();
    try (GrpcTestBed bed = GrpcTestBed.mutualTls(agent)) {
      AgentAddress address = bed.server().boundAddress();
      byte[] body = scheduleBody(UUID.randomUUID());
      Metadata headers = sign("db-2.internal:" + address.port(), body);

      TransportException error = sendExpectingFailure(address, coreTls(), body, headers);

      assertThat(reason(error)).isEqualTo(RejectionReason.SIGNATURE_INVALID);
      assertThat(agent.scheduled()).isEmpty();
    }
  }

  @Test
  void deeplyNestedArgsAreBadRequest() throws Exception {
    FixtureAgent agent = new FixtureAgent();
    try (GrpcTestBed bed = GrpcTestBed.mutualTls(agent)) {
      AgentAddress address = bed.server().boundAddress();
      String deep = "[".repeat(10_000) + "]".repeat(10_000);
      byte[] body =
          ScheduleActionRequest.newBuilder()
              .setKind("agent.replicante.io/test.success")
              .setId(UUID.randomUUID().toString())
              .setArgsJson(deep)
              .build()
              .toByteArray();

      TransportException error =
          sendExpectingFailure(address, coreTls(), body, sign(address.authority(), body));

      assertThat(error).isExactlyInstanceOf(AgentErrorException.class);
      assertThat(((AgentErrorException) error).status()).isEqualTo(400);
      assertThat(agent.scheduled()).isEmpty();
    }
  }

  @Test
  void missingClientCertificateFailsHandshake() throws Exception {
    FixtureAgent agent = new FixtureAgent();
    try (GrpcTestBed bed = GrpcTestBed.mutualTls(agent)) {
      AgentAddress address = bed.server().boundAddress();
      SslContext noClientCertificate =
          GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
              .trustManager(GrpcTestBed.pki().ca().certificate())
              .protocols("TLSv1.3")
              .build();
      byte[] body = new byte[0];

      TransportException error =
          sendExpectingFailure(
              address, AgentOperation.NODE_INFO, noClientCertificate, body, new Metadata());

      assertThat(error).isInstanceOf(AuthenticationFailedException.class);
    }
  }

  @Test
  void plaintextAgentDoesNotServeActions() throws Exception {
    try (GrpcTestBed bed = GrpcTestBed.plaintext(new FixtureAgent())) {
      AgentAddress address = bed.server().boundAddress();

      TransportException error =
          sendExpectingFailure(
              address, AgentOperation.ACTION_QUEUE, null, new byte[0], new Metadata());

      assertThat(reason(error)).isEqualTo(RejectionReason.ACTIONS_DISABLED);
    }
  }

  private static byte[] scheduleBody(UUID id) {
    var request =
        fixture("action-schedule-request.json", io.agenttransport.model.ActionScheduleRequest.class)
            .withId(id);
    return ProtoMapper.toProto(request).toByteArray();
  }

  private static Metadata sign(String authority, byte[] body) {
    OutboundRequest request =
        new OutboundRequest(
            SCHEDULE,
            GrpcRequests.METHOD,
            authority,
            GrpcMethods.path(SCHEDULE),
            GrpcRequests.QUERY,
            GrpcRequests.CONTENT_TYPE,
            body);
    Metadata headers = new Metadata();
    for (Map.Entry<String, String> field : GrpcTestBed.signer().sign(request).entrySet()) {
      headers.put(
          Metadata.Key.of(field.getKey(), Metadata.ASCII_STRING_MARSHALLER), field.getValue());
    }
    return headers;
  }

  private static SslContext coreTls() throws Exception {
    return TlsContexts.client(GrpcTestBed.clientTls(ClientSettings.DEFAULTS));
  }

  private static Object send(AgentAddress address, SslContext tls, byte[] body, Metadata headers) {
    return call(address, SCHEDULE, tls, body, headers);
  }

  private static TransportException sendExpectingFailure(
      AgentAddress address, SslContext tls, byte[] body, Metadata headers) {
    return sendExpectingFailure(address, SCHEDULE, tls, body, headers);
  }

  private static TransportException sendExpectingFailure(
      AgentAddress address,
      AgentOperation operation,
      SslContext tls,
      byte[] body,
      Metadata headers) {
    StatusRuntimeException error =
        catchThrowableOfType(
            StatusRuntimeException.class, () -> call(address, operation, tls, body, headers));
    assertThat(error).isNotNull();
    Metadata trailers = error.getTrailers() == null ? new Metadata() : error.getTrailers();
    return StatusMapping.toException(error.getStatus(), trailers, address, operation);
  }

  private static Object call(
      AgentAddress address,
      AgentOperation operation,
      SslContext tls,
      byte[] body,
      Metadata headers) {
    NettyChannelBuilder builder = NettyChannelBuilder.forAddress(address.host(), address.port());
    if (tls == null) {
      builder.usePlaintext();
    } else {
      builder.sslContext(tls);
    }
    ManagedChannel channel =
        builder.intercept(MetadataUtils.newAttachHeadersInterceptor(headers)).build();
    try {
      return ClientCalls.blockingUnaryCall(
          channel,
          GrpcMethods.method(operation),
          CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS),
          body);
    } finally {
      channel.shutdownNow();
    }
  }

  private static RejectionReason reason(TransportException error) {
    assertThat(error).isInstanceOf(RequestRejectedException.class);
    return ((RequestRejectedException) error).reason();
  }
}
