package io.agenttransport.bench.harness;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentChannel;
import io.agenttransport.bench.Row;
import io.agenttransport.bench.support.BenchPki;
import io.agenttransport.bench.support.FrameworkSetup;
import io.agenttransport.spi.ClientTransport;
import java.util.ArrayList;
import java.util.List;

/**
 * Heap per open, idle agent channel: opens many channels on one client transport and divides the
 * heap difference by their number. Opening a channel does not connect, so the addresses need no
 * server and no traffic is sent.
 */
public final class ChannelMemory {
  /** The heading of the row this returns. */
  public static final String FIGURE = "heap per open idle agent channel, framework";

  private static final int FIRST_PORT = 20_000;
  private static final double TARGET_BYTES = 2048;

  private ChannelMemory() {}

  /** Measures with {@code count} channels to distinct ports of 127.0.0.1, at most 45,000. */
  public static Row measure(String transport, String scheme, int count) {
    FrameworkSetup setup = FrameworkSetup.create(BenchPki.create(), transport);
    try (ClientTransport client = setup.client(FrameworkSetup.pooledSettings())) {
      client.open(new AgentAddress(scheme, "127.0.0.1", FIRST_PORT - 1)).close();
      List<AgentChannel> channels = new ArrayList<>(count);
      long before = Heap.used();
      for (int i = 0; i < count; i++) {
        channels.add(client.open(new AgentAddress(scheme, "127.0.0.1", FIRST_PORT + i)));
      }
      long after = Heap.used();
      channels.forEach(AgentChannel::close);
      return Row.limit(
          FleetHarness.MEMORY,
          FIGURE + " (" + transport + ")",
          (after - before) / (double) count,
          "B",
          TARGET_BYTES,
          count + " channels open on one client transport, none connected");
    }
  }
}
