package io.agenttransport.http;

import io.agenttransport.spi.TransportProvider;
import io.agenttransport.tck.TransportTck;
import io.agenttransport.tck.wire.HttpWireTap;
import io.agenttransport.tck.wire.WireTap;

/** Runs the transport TCK against the HTTP provider. */
class HttpTransportTckTest extends TransportTck {
  @Override
  public TransportProvider provider() {
    return new HttpTransportProvider();
  }

  @Override
  public WireTap wireTap() {
    return new HttpWireTap(secureScheme());
  }
}
