package io.agenttransport.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for futures in tests, with generous timeouts for a loaded machine. */
final class Futures {
  static final Duration WAIT = Duration.ofSeconds(20);

  private Futures() {}

  /** Returns the value of {@code future}, failing the test if it fails or does not complete. */
  static <T> T value(CompletableFuture<T> future) throws Exception {
    return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Returns the exception that {@code future} failed with, checking its type. */
  static <E extends Throwable> E failure(CompletableFuture<?> future, Class<E> type)
      throws InterruptedException, TimeoutException {
    try {
      Object value = future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      throw new AssertionError(
          "expected " + type.getSimpleName() + " but the call returned " + value);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(type);
      return type.cast(e.getCause());
    }
  }
}
