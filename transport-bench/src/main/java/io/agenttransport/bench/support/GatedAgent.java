package io.agenttransport.bench.support;

import io.agenttransport.api.Agent;
import io.agenttransport.model.ActionList;
import io.agenttransport.model.ActionRecord;
import io.agenttransport.model.ActionScheduleRequest;
import io.agenttransport.model.ActionScheduleResponse;
import io.agenttransport.model.NodeInfo;
import io.agenttransport.model.ShardList;
import io.agenttransport.model.StoreInfo;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A {@link FixtureAgent} whose node info can be held at a gate, so that a benchmark can keep calls
 * in flight on purpose. The gate is open until {@link #closeGate()}.
 */
public final class GatedAgent implements Agent, AutoCloseable {
  private static final Duration MAX_HOLD = Duration.ofSeconds(60);

  private final FixtureAgent delegate = new FixtureAgent();
  private final Semaphore arrivals = new Semaphore(0);
  private volatile CountDownLatch gate = new CountDownLatch(0);

  /** Makes node info calls wait until {@link #openGate()}, at most one minute each. */
  public void closeGate() {
    arrivals.drainPermits();
    gate = new CountDownLatch(1);
  }

  /** Lets every waiting and later node info call through. */
  public void openGate() {
    gate.countDown();
  }

  /**
   * Waits until {@code calls} node info calls have reached the closed gate.
   *
   * @return whether they arrived within {@code timeout}
   */
  public boolean awaitArrivals(int calls, Duration timeout) throws InterruptedException {
    return arrivals.tryAcquire(calls, timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public NodeInfo nodeInfo() {
    CountDownLatch current = gate;
    if (current.getCount() > 0) {
      arrivals.release();
      try {
        current.await(MAX_HOLD.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return delegate.nodeInfo();
  }

  @Override
  public StoreInfo storeInfo() {
    return delegate.storeInfo();
  }

  @Override
  public ShardList shards() {
    return delegate.shards();
  }

  @Override
  public ActionList actionQueue() {
    return delegate.actionQueue();
  }

  @Override
  public ActionList actionsFinished() {
    return delegate.actionsFinished();
  }

  @Override
  public Optional<ActionRecord> actionLookup(UUID id) {
    return delegate.actionLookup(id);
  }

  @Override
  public ActionScheduleResponse scheduleAction(ActionScheduleRequest request) {
    return delegate.scheduleAction(request);
  }

  /** Opens the gate, releasing any call still held. */
  @Override
  public void close() {
    openGate();
  }
}
