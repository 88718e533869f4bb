package io.agenttransport.security.signature;

import static org.assertj.core.api.Assertions.assertThat;

import io.agenttransport.security.signature.NonceCache.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NonceCacheTest {
  private static final long NOW = 1_800_000_000L;

  @Test
  void newNonceAccepted() {
    NonceCache cache = new NonceCache(10);

    assertThat(cache.record("k", "n", NOW + 30, NOW)).isEqualTo(Outcome.ACCEPTED);
  }

  @Test
  void repeatedNonceReplayed() {
    NonceCache cache = new NonceCache(10);
    cache.record("k", "n", NOW + 30, NOW);

    assertThat(cache.record("k", "n", NOW + 30, NOW + 5)).isEqualTo(Outcome.REPLAYED);
  }

  @Test
  void expiredNonceAcceptedAgain() {
    NonceCache cache = new NonceCache(10);
    cache.record("k", "n", NOW + 30, NOW);

    assertThat(cache.record("k", "n", NOW + 61, NOW + 31)).isEqualTo(Outcome.ACCEPTED);
  }

  @Test
  void fullCacheRejectsNewNonce() {
    NonceCache cache = new NonceCache(2);
    cache.record("k", "a", NOW + 30, NOW);
    cache.record("k", "b", NOW + 30, NOW);

    assertThat(cache.record("k", "c", NOW + 30, NOW)).isEqualTo(Outcome.FULL);
  }

  @Test
  void fullCacheKeepsUnexpiredNonces() {
    NonceCache cache = new NonceCache(2);
    cache.record("k", "a", NOW + 30, NOW);
    cache.record("k", "b", NOW + 30, NOW);
    cache.record("k", "c", NOW + 30, NOW + 1);

    assertThat(cache.record("k", "a", NOW + 30, NOW + 2)).isEqualTo(Outcome.FULL);
    assertThat(cache.size()).isEqualTo(2);
  }

  @Test
  void fullCacheSweepsExpiredNonces() {
    NonceCache cache = new NonceCache(2);
    cache.record("k", "a", NOW + 30, NOW);
    cache.record("k", "b", NOW + 30, NOW);

    assertThat(cache.record("k", "c", NOW + 61, NOW + 31)).isEqualTo(Outcome.ACCEPTED);
  }

  @Test
  void concurrentRecordsCountExactly() throws Exception {
    int threads = 8;
    int uniquePerThread = 2_000;
    int shared = 500;
    NonceCache cache = new NonceCache(threads * uniquePerThread + shared);
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger replayed = new AtomicInteger();
    AtomicInteger full = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      tasks.add(
          () -> {
            for (int i = 0; i < uniquePerThread; i++) {
              count(
                  cache.record("k", "u-" + thread + "-" + i, NOW + 30, NOW),
                  accepted,
                  replayed,
                  full);
              if (i < shared) {
                count(cache.record("k", "s-" + i, NOW + 30, NOW), accepted, replayed, full);
              }
            }
            return null;
          });
    }

    try {
      for (Future<Void> result : pool.invokeAll(tasks)) {
        result.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(accepted.get()).isEqualTo(threads * uniquePerThread + shared);
    assertThat(replayed.get()).isEqualTo((threads - 1) * shared);
    assertThat(full.get()).isZero();
    assertThat(cache.size()).isEqualTo(threads * uniquePerThread + shared);
  }

  @Test
  void concurrentFloodStopsAtCapacity() throws Exception {
    int threads = 8;
    int perThread = 1_000;
    int capacity = 3_000;
    NonceCache cache = new NonceCache(capacity);
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger replayed = new AtomicInteger();
    AtomicInteger full = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      tasks.add(
          () -> {
            for (int i = 0; i < perThread; i++) {
              count(cache.record("k", thread + "-" + i, NOW + 30, NOW), accepted, replayed, full);
            }
            return null;
          });
    }

    try {
      for (Future<Void> result : pool.invokeAll(tasks)) {
        result.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(accepted.get()).isEqualTo(capacity);
    assertThat(full.get()).isEqualTo(threads * perThread - capacity);
    assertThat(replayed.get()).isZero();
  }

  private static void count(
      Outcome outcome, AtomicInteger accepted, AtomicInteger replayed, AtomicInteger full) {
    switch (outcome) {
      case ACCEPTED -> accepted.incrementAndGet();
      case REPLAYED -> replayed.incrementAndGet();
      case FULL -> full.incrementAndGet();
    }
  }
}
