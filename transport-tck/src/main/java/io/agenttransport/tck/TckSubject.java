package io.agenttransport.tck;

import io.agenttransport.config.ClientSettings;
import io.agenttransport.config.ServerSettings;
import io.agenttransport.spi.TransportCapability;
import io.agenttransport.spi.TransportProvider;
import io.agenttransport.tck.wire.WireTap;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The hooks through which a provider's test class tells the TCK what to test. {@link TransportTck}
 * implements every hook except {@link #provider()} with a default that suits most providers.
 */
public interface TckSubject {
  /** Returns a new instance of the provider under test. */
  TransportProvider provider();

  /** Returns the address scheme of the provider's TLS channels, such as {@code https}. */
  String secureScheme();

  /**
   * Returns the address scheme of the provider's plain-text channels, such as {@code http}, or
   * {@code null} if it has none.
   */
  @Nullable String plainScheme();

  /** Returns the capabilities the TCK tests; by default those the provider declares. */
  Set<TransportCapability> capabilities();

  /** Returns the provider-specific options passed to every client the TCK creates. */
  Map<String, String> clientOptions();

  /** Returns the provider-specific options passed to every server the TCK starts. */
  Map<String, String> serverOptions();

  /** Returns the client settings the TCK starts from; rules change single values. */
  ClientSettings clientSettings();

  /** Returns the server settings the TCK starts from; rules change single values. */
  ServerSettings serverSettings();

  /**
   * Returns the wire hook that captures and resends the exact requests core sends, or {@code null}
   * to skip the rules that need one.
   */
  @Nullable WireTap wireTap();

  /** Returns the longest the TCK waits for one call or event. */
  default Duration timeout() {
    return TckProperties.timeout();
  }
}
