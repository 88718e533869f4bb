package io.agenttransport.tck;

import io.agenttransport.spi.TransportProvider;
import io.agenttransport.tck.jdk.JdkTransportProvider;
import io.agenttransport.tck.wire.HttpWireTap;
import io.agenttransport.tck.wire.WireTap;

/** Runs the whole TCK against the correct test provider, which must pass every rule. */
class JdkTransportTckTest extends TransportTck {
  @Override
  public TransportProvider provider() {
    return new JdkTransportProvider();
  }

  @Override
  public WireTap wireTap() {
    return new HttpWireTap(secureScheme());
  }
}
