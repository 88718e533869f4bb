package io.agenttransport.tck.internal;

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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An agent that delegates to another but holds node info calls, and the first {@code holdSchedules}
 * schedule calls, until {@link #release()}, for deadline, cancellation and in-flight rules.
 */
public final class BlockingAgent implements Agent, AutoCloseable {
  private final Agent delegate;
  private final CountDownLatch released = new CountDownLatch(1);
  private final CountDownLatch entered = new CountDownLatch(1);
  private final AtomicInteger schedulesToHold;
  private final CountDownLatch heldSchedulesDone;
  private final Duration maxHold;

  /**
   * Creates an agent in front of {@code delegate} that delays held calls by at most {@code
   * maxHold}.
   */
  public BlockingAgent(Agent delegate, int holdSchedules, Duration maxHold) {
    this.delegate = delegate;
    this.schedulesToHold = new AtomicInteger(holdSchedules);
    this.heldSchedulesDone = new CountDownLatch(holdSchedules);
    this.maxHold = maxHold;
  }

  /** Lets every held call and every later one through. */
  public void release() {
    released.countDown();
  }

  /** Waits until a call is held, and returns whether one was within {@code timeout}. */
  public boolean awaitHeldCall(Duration timeout) throws InterruptedException {
    return entered.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void hold() {
    entered.countDown();
    try {
      released.await(maxHold.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public NodeInfo nodeInfo() {
    hold();
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

  /**
   * Waits until every held schedule call has run on the delegate, and returns whether they did
   * within {@code timeout}.
   */
  public boolean awaitHeldSchedules(Duration timeout) throws InterruptedException {
    return heldSchedulesDone.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public ActionScheduleResponse scheduleAction(ActionScheduleRequest request) {
    if (schedulesToHold.getAndDecrement() <= 0) {
      return delegate.scheduleAction(request);
    }
    hold();
    try {
      return delegate.scheduleAction(request);
    } finally {
      heldSchedulesDone.countDown();
    }
  }

  /** Releases held calls. */
  @Override
  public void close() {
    release();
  }
}
