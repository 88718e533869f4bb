package io.agenttransport.bench.harness;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentChannel;
import io.agenttransport.bench.support.RawOkHttpClient;
import io.agenttransport.spi.ClientTransport;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Core's side of a sync: for one agent, node info, store info and shards, one after the other,
 * without blocking a thread.
 */
interface Syncer extends AutoCloseable {
  /** The maximum time that one agent's sync or one fan-out round may take. */
  long TIMEOUT_SECONDS = 60;

  /** Starts the sync of the agent at {@code address}. */
  CompletableFuture<?> sync(AgentAddress address);

  /** Runs after each agent's sync in a sequential round. */
  default void afterAgent() {}

  /** Syncs the agents one after the other and returns the elapsed nanoseconds. */
  default long syncSequentially(List<AgentAddress> addresses) throws Exception {
    long start = System.nanoTime();
    for (AgentAddress address : addresses) {
      sync(address).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      afterAgent();
    }
    return System.nanoTime() - start;
  }

  /** Syncs all agents at once and returns the elapsed nanoseconds once every sync finished. */
  default long syncConcurrently(List<AgentAddress> addresses) throws Exception {
    long start = System.nanoTime();
    CompletableFuture<?>[] syncs =
        addresses.stream().map(this::sync).toArray(CompletableFuture<?>[]::new);
    CompletableFuture.allOf(syncs).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    return System.nanoTime() - start;
  }

  @Override
  void close();

  /** Returns a syncer over raw OkHttp that closes idle connections after each agent if asked. */
  static Syncer raw(RawOkHttpClient client, boolean newConnectionPerAgent) {
    return new Syncer() {
      @Override
      public CompletableFuture<?> sync(AgentAddress address) {
        return client.syncAsync(address);
      }

      @Override
      public void afterAgent() {
        if (newConnectionPerAgent) {
          client.evictAll();
        }
      }

      @Override
      public void close() {
        client.close();
      }
    };
  }

  /** Returns a syncer over the framework, with one channel per agent opened on first use. */
  static Syncer framework(ClientTransport transport) {
    Map<AgentAddress, AgentChannel> channels = new ConcurrentHashMap<>();
    Function<AgentAddress, AgentChannel> open = transport::open;
    return new Syncer() {
      @Override
      public CompletableFuture<?> sync(AgentAddress address) {
        AgentChannel channel = channels.computeIfAbsent(address, open);
        return channel
            .nodeInfo()
            .thenCompose(info -> channel.storeInfo())
            .thenCompose(info -> channel.shards());
      }

      @Override
      public void close() {
        channels.values().forEach(AgentChannel::close);
        transport.close();
      }
    };
  }
}
