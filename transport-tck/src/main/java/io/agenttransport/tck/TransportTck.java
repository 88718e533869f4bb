package io.agenttransport.tck;

import io.agenttransport.config.ClientSettings;
import io.agenttransport.config.ServerSettings;
import io.agenttransport.spi.TransportCapability;
import io.agenttransport.tck.wire.WireTap;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The TCK: the one class a provider's author extends, in the provider's test sources, to run every
 * rule against the provider.
 *
 * <pre>{@code
 * class AcmeTransportTckTest extends TransportTck {
 *   @Override
 *   public TransportProvider provider() {
 *     return new AcmeTransportProvider();
 *   }
 * }
 * }</pre>
 *
 * <p>Rules are JUnit 5 tests named {@code <level>_<group>_<id>_<summary>}: level {@code required}
 * or {@code optional} (needs a capability), group {@code disc} (discovery), {@code conf}
 * (conformance) or {@code sec} (security). Each rule's Javadoc says what a failure means and where
 * to look. The hooks below have defaults that suit most providers.
 */
@ExtendWith(TckExtension.class)
@TestMethodOrder(MethodOrderer.MethodName.class)
public abstract class TransportTck
    implements DiscoveryRules,
        ConformanceRules,
        IdentityRules,
        SignatureRules,
        ReplayRules,
        PolicyRules,
        HardeningRules {

  /** Returns the first scheme of the provider that ends in {@code s}, such as {@code https}. */
  @Override
  public String secureScheme() {
    return provider().schemes().stream()
        .filter(scheme -> scheme.endsWith("s"))
        .sorted()
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "provider declares no scheme ending in 's': override secureScheme()"));
  }

  /**
   * Returns the secure scheme without its final {@code s} when the provider declares it and the
   * {@code PLAINTEXT} capability, or {@code null}.
   */
  @Override
  public @Nullable String plainScheme() {
    String secure = secureScheme();
    String plain = secure.substring(0, secure.length() - 1);
    boolean declared = provider().schemes().contains(plain);
    return declared && capabilities().contains(TransportCapability.PLAINTEXT) ? plain : null;
  }

  /** Returns the capabilities the provider declares. */
  @Override
  public Set<TransportCapability> capabilities() {
    return provider().capabilities();
  }

  /** Returns no options. */
  @Override
  public Map<String, String> clientOptions() {
    return Map.of();
  }

  /** Returns no options. */
  @Override
  public Map<String, String> serverOptions() {
    return Map.of();
  }

  /** Returns the defaults with connect and handshake timeouts of two seconds. */
  @Override
  public ClientSettings clientSettings() {
    return ClientSettings.builder()
        .connectTimeout(Duration.ofSeconds(2))
        .handshakeTimeout(Duration.ofSeconds(2))
        .callTimeout(timeout())
        .build();
  }

  /** Returns the defaults bound to {@code 127.0.0.1} on a free port. */
  @Override
  public ServerSettings serverSettings() {
    return ServerSettings.builder().bindHost("127.0.0.1").port(0).build();
  }

  /** Returns no wire hook; rules that need one are skipped. */
  @Override
  public @Nullable WireTap wireTap() {
    return null;
  }
}
