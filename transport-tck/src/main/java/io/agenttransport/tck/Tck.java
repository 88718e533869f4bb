package io.agenttransport.tck;

import io.agenttransport.api.AgentChannel;
import io.agenttransport.api.TransportException;
import io.agenttransport.spi.TransportCapability;
import io.agenttransport.tck.wire.CapturedRequest;
import io.agenttransport.tck.wire.Recorder;
import io.agenttransport.tck.wire.TapContext;
import io.agenttransport.tck.wire.WireTap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.AssertionFailedError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workbench of one rule: starts agents and clients for it and closes every one of them when the
 * rule ends, passed or failed. {@link TckExtension} passes a new one to each rule.
 */
public final class Tck implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Tck.class);

  private final TckSubject subject;
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();

  Tck(TckSubject subject) {
    this.subject = Objects.requireNonNull(subject, "subject");
  }

  /** Returns the provider's test class. */
  public TckSubject subject() {
    return subject;
  }

  /** Returns the certificates and keys shared by every rule. */
  public TckPki pki() {
    return TckPki.shared();
  }

  /** Returns the longest the TCK waits for one call or event. */
  public Duration timeout() {
    return subject.timeout();
  }

  /** Returns a setup for an agent server, secure by default. */
  public AgentSetup agent() {
    return new AgentSetup(this);
  }

  /** Returns a setup for core's side, secure by default. */
  public ClientSetup client() {
    return new ClientSetup(this);
  }

  /** Starts a secure reference agent and returns it. */
  public RunningAgent startAgent() {
    return agent().start();
  }

  /** Creates a temporary folder that is deleted with its content when the rule ends. */
  public Path tempDir() {
    try {
      Path dir = Files.createTempDirectory("tck-");
      track(() -> deleteTree(dir));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder for a TCK rule", e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  /** Returns the material a wire hook needs, with the shared certificates. */
  public TapContext tapContext() {
    return new TapContext(pki().agent(), pki().core(), pki().trustedCas(), null, timeout());
  }

  /** Starts a recorder of the wire hook, closed when the rule ends. */
  public Recorder startRecorder(WireTap tap) {
    return track(tap.startRecorder(tapContext()));
  }

  /**
   * Makes {@code call} on a channel to {@code recorder} with a secure client and returns the
   * request the recorder received. The call itself fails, because a recorder responds with an
   * error, and its outcome is ignored.
   */
  public CapturedRequest capture(
      Recorder recorder, Function<AgentChannel, CompletableFuture<?>> call) {
    AgentChannel channel = client().open(recorder.address());
    CompletableFuture<?> future = call.apply(channel);
    CapturedRequest request = recorder.awaitRequest(timeout());
    try {
      future.get(timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      LOG.debug("captured call ended with {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return request;
  }

  /** Skips the rule, with the reason, unless the provider declares {@code capability}. */
  public void requireCapability(TransportCapability capability) {
    Assumptions.assumeTrue(
        subject.capabilities().contains(capability),
        "provider does not declare the optional capability " + capability);
  }

  /** Returns the wire hook, or skips the rule with the reason when the test class has none. */
  public WireTap requireWireTap() {
    WireTap tap = subject.wireTap();
    Assumptions.assumeTrue(
        tap != null, "the provider's test class supplies no wire hook (TckSubject.wireTap)");
    return tap;
  }

  /** Returns the plain-text scheme, or skips the rule when the provider has none. */
  public String plainSchemeOrSkip() {
    String scheme = subject.plainScheme();
    Assumptions.assumeTrue(scheme != null, "provider has no plain-text scheme");
    return scheme;
  }

  /** Closes {@code resource} when the rule ends, after everything opened later. */
  public <T extends AutoCloseable> T track(T resource) {
    resources.push(Objects.requireNonNull(resource, "resource"));
    return resource;
  }

  /** Waits for {@code future} and returns its value, failing the rule if it fails or hangs. */
  public <T> T await(CompletableFuture<T> future) {
    return await(future, timeout());
  }

  /**
   * Waits up to {@code limit} for {@code future} and returns its value, failing the rule if not.
   */
  public <T> T await(CompletableFuture<T> future, Duration limit) {
    try {
      return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new AssertionFailedError("call failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new AssertionFailedError("call did not complete within " + limit, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionFailedError("interrupted while waiting for a call", e);
    }
  }

  /**
   * Waits for {@code future} to fail and returns the exception it failed with, failing the rule if
   * it succeeds, hangs or fails with something other than a {@link TransportException}.
   */
  public TransportException awaitFailure(CompletableFuture<?> future) {
    return awaitFailure(future, "the call was expected to fail");
  }

  /**
   * Waits for {@code future} to fail like {@link #awaitFailure(CompletableFuture)}; if it succeeds
   * instead, the failure message starts with {@code fault}, which names what the provider let
   * through.
   */
  public TransportException awaitFailure(CompletableFuture<?> future, String fault) {
    Object value;
    try {
      value = future.get(timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      return transportException(e.getCause());
    } catch (CancellationException e) {
      throw new AssertionFailedError("call was cancelled instead of failing", e);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new AssertionFailedError("call neither failed nor completed within " + timeout(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionFailedError("interrupted while waiting for a call", e);
    }
    throw new AssertionFailedError(fault + ": the call succeeded and returned " + value);
  }

  private static TransportException transportException(Throwable failure) {
    if (failure instanceof TransportException transport) {
      return transport;
    }
    throw new AssertionFailedError(
        "call failed with "
            + failure.getClass().getName()
            + " instead of a TransportException subclass: provider exceptions must be mapped"
            + " to the framework's types",
        failure);
  }

  /** Closes everything the rule opened, newest first, logging what fails to close. */
  @Override
  public void close() {
    while (!resources.isEmpty()) {
      AutoCloseable resource = resources.pop();
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("failed to close {} after a TCK rule", resource, e);
      }
    }
  }
}
