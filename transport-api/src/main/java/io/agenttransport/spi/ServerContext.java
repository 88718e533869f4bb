package io.agenttransport.spi;

import io.agenttransport.api.CallListener;
import io.agenttransport.config.ServerSettings;
import io.agenttransport.security.RequestGuard;
import io.agenttransport.security.tls.ServerTlsMaterial;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a provider receives to start an agent server.
 *
 * @param settings bind address, timeouts and limits
 * @param tls the TLS material built by the framework, or {@code null} for plain text
 * @param guard the security policy: the provider passes every request through it before the agent
 *     sees it, and serves action operations only when {@link RequestGuard#actionsEnabled()}
 * @param options provider-specific options from the {@code options.<name>} section
 * @param clock the clock for durations
 * @param listener receives one event per call
 */
public record ServerContext(
    ServerSettings settings,
    @Nullable ServerTlsMaterial tls,
    RequestGuard guard,
    Map<String, String> options,
    Clock clock,
    CallListener listener) {
  /** Validates the components. */
  public ServerContext {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(guard, "guard");
    options = Map.copyOf(options);
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(listener, "listener");
  }
}
