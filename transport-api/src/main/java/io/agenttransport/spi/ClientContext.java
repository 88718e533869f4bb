package io.agenttransport.spi;

import io.agenttransport.api.CallListener;
import io.agenttransport.config.ClientSettings;
import io.agenttransport.security.signature.RequestSigner;
import io.agenttransport.security.tls.ClientTlsMaterial;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a provider receives to create core's side of a transport: nothing more than it needs.
 *
 * @param settings timeouts, connection mode and limits
 * @param tls the TLS material built by the framework, or {@code null} for plain text only
 * @param signer the request signer, or {@code null} when core has no signing key (then actions are
 *     refused before anything is sent)
 * @param options provider-specific options from the {@code options.<name>} section
 * @param clock the clock for signatures and durations
 * @param listener receives one event per call
 */
public record ClientContext(
    ClientSettings settings,
    @Nullable ClientTlsMaterial tls,
    @Nullable RequestSigner signer,
    Map<String, String> options,
    Clock clock,
    CallListener listener) {
  /** Validates the components. */
  public ClientContext {
    Objects.requireNonNull(settings, "settings");
    options = Map.copyOf(options);
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(listener, "listener");
  }
}
