package io.agenttransport.security.signature;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The nonces seen per key id, each kept until its signature expires. The cache is bounded: when it
 * is full of unexpired nonces it rejects new ones (fails closed) and never evicts an unexpired
 * nonce. Thread safe. Recording is lock-free apart from the sweep of expired entries, which runs
 * only when the cache is full, and then at most once per second.
 */
public final class NonceCache {
  /** The outcome of {@link #record}. */
  public enum Outcome {
    /** The nonce was new and is now recorded. */
    ACCEPTED,
    /** The nonce is already recorded for this key id and has not expired. */
    REPLAYED,
    /** The cache is full of unexpired nonces; the nonce was not recorded. */
    FULL
  }

  private final int capacity;
  private final ConcurrentHashMap<String, Long> expiries = new ConcurrentHashMap<>();
  private final AtomicInteger reserved = new AtomicInteger();
  private final AtomicLong lastSweep = new AtomicLong(Long.MIN_VALUE);

  /** Creates a cache that keeps at most {@code capacity} nonces. */
  public NonceCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException(
          "nonce cache capacity must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * Records {@code nonce} for {@code keyId} until {@code expires}.
   *
   * @param expires the signature's expiry, in seconds since the epoch
   * @param now the current time, in seconds since the epoch
   */
  public Outcome record(String keyId, String nonce, long expires, long now) {
    if (!reserveSlot(now)) {
      return Outcome.FULL;
    }
    String key = keyId + '\n' + nonce;
    Long previous = expiries.putIfAbsent(key, expires);
    if (previous == null) {
      return Outcome.ACCEPTED;
    }
    reserved.decrementAndGet();
    if (previous >= now) {
      return Outcome.REPLAYED;
    }
    return expiries.replace(key, previous, expires) ? Outcome.ACCEPTED : Outcome.REPLAYED;
  }

  /** Returns the number of nonces held, expired or not. */
  public int size() {
    return reserved.get();
  }

  private boolean reserveSlot(long now) {
    if (tryReserve()) {
      return true;
    }
    sweep(now);
    return tryReserve();
  }

  private boolean tryReserve() {
    int current;
    do {
      current = reserved.get();
      if (current >= capacity) {
        return false;
      }
    } while (!reserved.compareAndSet(current, current + 1));
    return true;
  }

  private void sweep(long now) {
    long last = lastSweep.get();
    if (last == now || !lastSweep.compareAndSet(last, now)) {
      return;
    }
    for (Map.Entry<String, Long> entry : expiries.entrySet()) {
      if (entry.getValue() < now && expiries.remove(entry.getKey(), entry.getValue())) {
        reserved.decrementAndGet();
      }
    }
  }
}
