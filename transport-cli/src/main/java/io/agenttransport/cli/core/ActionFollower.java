package io.agenttransport.cli.core;

import io.agenttransport.api.AgentChannel;
import io.agenttransport.model.ActionRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Follows an action by looking it up until it finishes. */
public final class ActionFollower {
  private ActionFollower() {}

  /**
   * Looks the action up every {@code interval} until it is DONE or FAILED.
   *
   * @return the finished record, or {@code null} if {@code limit} passed first
   * @throws java.util.concurrent.CompletionException wrapping the transport's error if a lookup
   *     fails
   * @throws InterruptedException if interrupted while waiting between lookups
   */
  public static @Nullable ActionRecord follow(
      AgentChannel channel, UUID id, Duration limit, Duration interval)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(limit);
    while (true) {
      ActionRecord record = channel.actionLookup(id).join();
      if (record.state().phase().isFinished()) {
        return record;
      }
      if (!Instant.now().plus(interval).isBefore(deadline)) {
        return null;
      }
      Thread.sleep(interval.toMillis());
    }
  }
}
