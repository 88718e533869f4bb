package io.agenttransport.grpc.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.grpc.internal.proto.NodeInfo;
import io.agenttransport.tck.pki.IssuedCertificate;
import io.agenttransport.tck.wire.CapturedRequest;
import io.agenttransport.tck.wire.TapContext;
import io.agenttransport.tck.wire.WireResponse;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrpcWireTapTest {
  private static final String NODE_INFO = "/agenttransport.v1.AgentService/GetNodeInfo";

  private final GrpcWireTap tap = new GrpcWireTap();

  @Test
  void postReachesAgent() throws Exception {
    try (GrpcTestBed bed = GrpcTestBed.mutualTls(new FixtureAgent())) {
      CapturedRequest request = new CapturedRequest("POST", NODE_INFO, List.of(), new byte[0]);

      WireResponse response = tap.send(request, bed.server().boundAddress(), true, context());

      assertThat(response.status()).isEqualTo(200);
      assertThat(NodeInfo.parseFrom(response.body()).getNodeId()).isEqualTo("i-0a1b2c3d");
    }
  }

  @Test
  void otherMethodIsAnsweredByServer() {
    try (GrpcTestBed bed = GrpcTestBed.mutualTls(new FixtureAgent())) {
      CapturedRequest request = new CapturedRequest("PUT", NODE_INFO, List.of(), new byte[0]);

      WireResponse response = tap.send(request, bed.server().boundAddress(), true, context());

      assertThat(response.status()).isEqualTo(405);
    }
  }

  @Test
  void recorderCapturesCall() {
    try (var recorder = tap.startRecorder(context());
        GrpcTestBed bed = GrpcTestBed.mutualTls(new FixtureAgent())) {
      AgentAddress address = recorder.address();
      bed.client().open(address).nodeInfo();

      CapturedRequest captured = recorder.awaitRequest(Duration.ofSeconds(20));

      assertThat(captured.target()).isEqualTo(NODE_INFO);
      assertThat(captured.values("host")).containsExactly(address.authority());
    }
  }

  private static TapContext context() {
    TestPki pki = GrpcTestBed.pki();
    return new TapContext(
        issued(pki.agent()),
        issued(pki.core()),
        pki.caCertificates(),
        null,
        Duration.ofSeconds(20));
  }

  private static IssuedCertificate issued(TestPki.Issued issued) {
    KeyPair keys = new KeyPair(issued.certificate().getPublicKey(), issued.key());
    return new IssuedCertificate(keys, List.of(issued.certificate()));
  }
}
