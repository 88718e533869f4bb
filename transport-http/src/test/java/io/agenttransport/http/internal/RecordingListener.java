package io.agenttransport.http.internal;

import io.agenttransport.api.CallEvent;
import io.agenttransport.api.CallListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

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
}
