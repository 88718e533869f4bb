package io.agenttransport.runtime;

import io.agenttransport.api.Agent;
import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentChannel;
import io.agenttransport.api.AgentUnreachableException;
import io.agenttransport.api.CallOptions;
import io.agenttransport.api.NotFoundException;
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
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A transport that calls agents in the same JVM, serving scheme {@code mem}. Servers register under
 * {@code mem://127.0.0.1:<n>}; it records every context it receives so tests can inspect them.
 */
public final class InMemoryProvider implements TransportProvider {
  static final Map<AgentAddress, Agent> SERVERS = new ConcurrentHashMap<>();
  static final List<ClientContext> CLIENT_CONTEXTS = new CopyOnWriteArrayList<>();
  static final List<ServerContext> SERVER_CONTEXTS = new CopyOnWriteArrayList<>();
  private static final AtomicInteger NEXT_PORT = new AtomicInteger(1);

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public Set<String> schemes() {
    return Set.of("mem");
  }

  @Override
  public Availability availability() {
    return Availability.ok();
  }

  @Override
  public Set<TransportCapability> capabilities() {
    return Set.of(TransportCapability.PLAINTEXT);
  }

  @Override
  public ClientTransport createClient(ClientContext context) {
    CLIENT_CONTEXTS.add(context);
    return new Client();
  }

  @Override
  public AgentServer startServer(ServerContext context, Agent agent) {
    SERVER_CONTEXTS.add(context);
    AgentAddress address = new AgentAddress("mem", "127.0.0.1", NEXT_PORT.getAndIncrement());
    SERVERS.put(address, agent);
    boolean actions = context.guard().actionsEnabled();
    return new AgentServer() {
      @Override
      public AgentAddress boundAddress() {
        return address;
      }

      @Override
      public boolean actionsEnabled() {
        return actions;
      }

      @Override
      public void close() {
        SERVERS.remove(address);
      }
    };
  }

  /** Opens channels that call the registered agent directly. */
  static final class Client implements ClientTransport {
    volatile boolean closed;

    @Override
    public AgentChannel open(AgentAddress address) {
      return new Channel(address);
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private record Channel(AgentAddress address) implements AgentChannel {
    @Override
    public CompletableFuture<NodeInfo> nodeInfo(CallOptions options) {
      return call(() -> agent().nodeInfo());
    }

    @Override
    public CompletableFuture<StoreInfo> storeInfo(CallOptions options) {
      return call(() -> agent().storeInfo());
    }

    @Override
    public CompletableFuture<ShardList> shards(CallOptions options) {
      return call(() -> agent().shards());
    }

    @Override
    public CompletableFuture<ActionList> actionQueue(CallOptions options) {
      return call(() -> agent().actionQueue());
    }

    @Override
    public CompletableFuture<ActionList> actionsFinished(CallOptions options) {
      return call(() -> agent().actionsFinished());
    }

    @Override
    public CompletableFuture<ActionRecord> actionLookup(UUID id, CallOptions options) {
      return call(
          () -> agent().actionLookup(id).orElseThrow(() -> new NotFoundException(address, null)));
    }

    @Override
    public CompletableFuture<ActionScheduleResponse> scheduleAction(
        ActionScheduleRequest request, CallOptions options) {
      return call(() -> agent().scheduleAction(request));
    }

    @Override
    public void close() {}

    private Agent agent() {
      Agent agent = SERVERS.get(address);
      if (agent == null) {
        throw new AgentUnreachableException(
            "no in-memory agent at " + address, address, null, null);
      }
      return agent;
    }

    private static <T> CompletableFuture<T> call(Supplier<T> call) {
      try {
        return CompletableFuture.completedFuture(call.get());
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
  }
}
