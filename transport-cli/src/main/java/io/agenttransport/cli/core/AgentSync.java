package io.agenttransport.cli.core;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentChannel;
import io.agenttransport.model.ActionList;
import io.agenttransport.model.NodeInfo;
import io.agenttransport.model.ShardList;
import io.agenttransport.model.StoreInfo;
import io.agenttransport.spi.ClientTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syncs many agents concurrently: for each, fetches node, store, shards, queued and finished
 * actions at once, and records the information or the first error.
 *
 * <p>Calls are asynchronous, so no thread waits per agent; at most {@code maxInFlight} agents are
 * synced at once so that a large fleet does not open thousands of connections in one go.
 */
public final class AgentSync {
  private static final Logger LOG = LoggerFactory.getLogger(AgentSync.class);

  private final ClientTransport transport;
  private final int maxInFlight;

  /**
   * Creates a sync over {@code transport}.
   *
   * @param maxInFlight the most agents synced at once, at least 1
   */
  public AgentSync(ClientTransport transport, int maxInFlight) {
    this.transport = Objects.requireNonNull(transport, "transport");
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("invalid maxInFlight " + maxInFlight + ": expected >= 1");
    }
    this.maxInFlight = maxInFlight;
  }

  /**
   * Syncs every agent and returns one snapshot per agent, in the order given.
   *
   * @param progress receives the number of agents finished so far after each one, on a transport
   *     thread
   * @throws InterruptedException if interrupted while waiting for a free slot
   */
  public List<AgentSnapshot> syncAll(List<AgentAddress> agents, IntConsumer progress)
      throws InterruptedException {
    Semaphore slots = new Semaphore(maxInFlight);
    AtomicInteger finished = new AtomicInteger();
    List<CompletableFuture<AgentSnapshot>> futures = new ArrayList<>();
    for (AgentAddress agent : agents) {
      slots.acquire();
      CompletableFuture<AgentSnapshot> future =
          sync(agent)
              .whenComplete(
                  (snapshot, error) -> {
                    slots.release();
                    progress.accept(finished.incrementAndGet());
                  });
      futures.add(future);
    }
    List<AgentSnapshot> snapshots = new ArrayList<>();
    for (CompletableFuture<AgentSnapshot> future : futures) {
      snapshots.add(future.join());
    }
    return snapshots;
  }

  /** Syncs one agent. The future completes normally, because errors become a failed snapshot. */
  public CompletableFuture<AgentSnapshot> sync(AgentAddress agent) {
    AgentChannel channel;
    try {
      channel = transport.open(agent);
    } catch (RuntimeException e) {
      LOG.warn("failed to open a channel to {}: {}", agent, e.getMessage());
      return CompletableFuture.completedFuture(AgentSnapshot.failed(agent, e));
    }
    CompletableFuture<NodeInfo> node = channel.nodeInfo();
    CompletableFuture<StoreInfo> store = channel.storeInfo();
    CompletableFuture<ShardList> shards = channel.shards();
    CompletableFuture<ActionList> queue = channel.actionQueue();
    CompletableFuture<ActionList> finished = channel.actionsFinished();
    return CompletableFuture.allOf(node, store, shards, queue, finished)
        .handle(
            (ignored, error) -> {
              channel.close();
              if (error != null) {
                LOG.warn("sync of {} failed: {}", agent, AgentSnapshot.unwrap(error).getMessage());
                return AgentSnapshot.failed(agent, error);
              }
              return AgentSnapshot.of(
                  agent,
                  new AgentSnapshot.Data(
                      node.join(), store.join(), shards.join(), queue.join(), finished.join()));
            });
  }
}
