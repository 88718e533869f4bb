package io.agenttransport.guice;

import io.agenttransport.api.Agent;
import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentChannel;
import io.agenttransport.api.AgentUnreachableException;
import io.agenttransport.api.CallOptions;
import io.agenttransport.model.ActionList;
import io.agenttransport.model.ActionRecord;
import io.agenttransport.model.ActionScheduleRequest;
import io.agenttransport.model.ActionScheduleResponse;
import io.agenttransport.model.NodeInfo;
import io.agenttransport.model.ShardList;
import io.agenttransport.model.StoreInfo;
import io.agenttransport.spi.AgentServer;
import io.agenttransport.spi.Availability;
import io.agenttransport.spi.ClientContext;
import io.agenttransport.spi.ClientTransport;
import io.agenttransport.spi.ServerContext;
import io.agenttransport.spi.TransportCapability;
import io.agenttransport.spi.TransportProvider;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Providers that record which one created a client and with what context. */
final class RecordingProviders {
  /** One client creation: the provider's name and the context it received. */
  record Creation(String provider, ClientContext context) {}

  static final List<Creation> CREATIONS = new CopyOnWriteArrayList<>();

  private RecordingProviders() {}

  abstract static class Recording implements TransportProvider {
    @Override
    public Set<String> schemes() {
      return Set.of("rec");
    }

    @Override
    public Availability availability() {
      return Availability.ok();
    }

    @Override
    public Set<TransportCapability> capabilities() {
      return Set.of();
    }

    @Override
    public ClientTransport createClient(ClientContext context) {
      CREATIONS.add(new Creation(name(), context));
      return new ClientTransport() {
        @Override
        public AgentChannel open(AgentAddress address) {
          return new UnreachableChannel(address);
        }

        @Override
        public void close() {}
      };
    }

    @Override
    public AgentServer startServer(ServerContext context, Agent agent) {
      throw new UnsupportedOperationException("these tests start no agent servers");
    }
  }

  /** The provider that the test configuration selects. */
  public static final class Selected extends Recording {
    @Override
    public String name() {
      return "recording";
    }
  }

  /** Another provider of the same scheme, which must not be chosen. */
  public static final class Decoy extends Recording {
    @Override
    public String name() {
      return "decoy";
    }
  }

  /** A channel to an address where no agent runs: every call fails as unreachable. */
  private record UnreachableChannel(AgentAddress address) implements AgentChannel {
    @Override
    public CompletableFuture<NodeInfo> nodeInfo(CallOptions options) {
      return unreachable();
    }

    @Override
    public CompletableFuture<StoreInfo> storeInfo(CallOptions options) {
      return unreachable();
    }

    @Override
    public CompletableFuture<ShardList> shards(CallOptions options) {
      return unreachable();
    }

    @Override
    public CompletableFuture<ActionList> actionQueue(CallOptions options) {
      return unreachable();
    }

    @Override
    public CompletableFuture<ActionList> actionsFinished(CallOptions options) {
      return unreachable();
    }

    @Override
    public CompletableFuture<ActionRecord> actionLookup(UUID id, CallOptions options) {
      return unreachable();
    }

    @Override
    public CompletableFuture<ActionScheduleResponse> scheduleAction(
        ActionScheduleRequest request, CallOptions options) {
      return unreachable();
    }

    @Override
    public void close() {}

    private <T> CompletableFuture<T> unreachable() {
      return CompletableFuture.failedFuture(
          new AgentUnreachableException("no agent runs in this test", address, null, null));
    }
  }
}
