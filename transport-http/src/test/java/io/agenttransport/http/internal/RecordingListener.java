package io.agenttransport.http.internal;

import io.agenttransport.api.CallEvent;
import io.agenttransport.api.CallListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Keeps every call event it receives. */
final class RecordingListener implements CallListener {
  private final List<CallEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void onCall(CallEvent event) {
    events.add(event);
  }

  List<CallEvent> events() {
    return events;
  }

  /**
   * Returns the events once at least {@code count} arrived, or what arrived within 5 s. A server
   * reports a call after its response is written, so a client may see the response first.
   */
  List<CallEvent> awaitEvents(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (events.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return events;
  }
}
