package io.agenttransport.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentChannel;
import io.agenttransport.api.CallListener;
import io.agenttransport.config.ConfigLoader;
import io.agenttransport.config.CoreConfig;
import io.agenttransport.config.CoreTlsConfig;
import io.agenttransport.config.SigningConfig;
import io.agenttransport.model.NodeInfo;
import io.agenttransport.registry.TransportRegistry;
import io.agenttransport.runtime.CoreTransports;
import io.agenttransport.spi.Availability;
import io.agenttransport.spi.ClientTransport;
import io.agenttransport.spi.TransportProvider;
import io.agenttransport.tck.pki.IssuedCertificate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Rules on how the framework finds and selects the provider. */
public interface DiscoveryRules extends TckSubject {
  /**
   * The provider is listed in {@code META-INF/services/io.agenttransport.spi.TransportProvider} of
   * its jar. A failure means {@link ServiceLoader} cannot see it: check the service file's name and
   * content, and that the class has a public no-argument constructor.
   */
  @Test
  default void required_disc_D1_foundByServiceLoader() {
    Class<?> expected = provider().getClass();

    List<String> found =
        ServiceLoader.load(TransportProvider.class).stream().map(p -> p.type().getName()).toList();

    assertThat(found)
        .as(
            "providers found by ServiceLoader: is %s listed in its service file?",
            expected.getName())
        .contains(expected.getName());
  }

  /**
   * The provider's name is lower-case letters, digits and dashes, and every instance returns the
   * same one. A failure means configuration files cannot select it reliably.
   */
  @Test
  default void required_disc_D2_nameIsStable() {
    String first = provider().name();

    String second = provider().name();

    assertThat(first).as("provider name").matches("[a-z0-9][a-z0-9-]*");
    assertThat(second).as("name of a second provider instance").isEqualTo(first);
  }

  /**
   * {@code availability()} returns a result with a reason and never throws. A failure means
   * start-up errors cannot say why the provider is unusable.
   */
  @Test
  default void required_disc_D3_availabilityHasReason() {
    Availability availability = provider().availability();

    assertThat(availability).as("availability()").isNotNull();
    assertThat(availability.reason()).as("availability reason").isNotBlank();
    assertThat(availability.available())
        .as("the provider under test reports itself unavailable: %s", availability.reason())
        .isTrue();
  }

  /**
   * The provider declares the schemes the TCK uses, and the registry selects it by name. A failure
   * means {@code transport: <name>} in core's file would not pick this provider.
   */
  @Test
  default void required_disc_D4_selectedByRegistry() {
    TransportProvider provider = provider();

    TransportProvider selected = TransportRegistry.load().select(provider.name());

    assertThat(selected).as("provider selected by name").isInstanceOf(provider.getClass());
    assertThat(provider.schemes()).as("schemes()").contains(secureScheme());
  }

  /**
   * Core built from an in-memory configuration naming this provider reaches a secure agent. A
   * failure means {@link CoreTransports} cannot use the provider: look at the scheme routing and at
   * how the provider reads its client context.
   */
  @Test
  default void required_disc_D5_selectedByCoreConfig(Tck tck) {
    RunningAgent agent = tck.startAgent();
    CoreConfig config = coreConfig(tck, tck.tempDir(), agent.address());

    ClientTransport client =
        tck.track(CoreTransports.create(config, TransportRegistry.load(), CallListener.NONE));
    AgentChannel channel = tck.track(client.open(agent.address()));
    NodeInfo info = tck.await(channel.nodeInfo());

    assertThat(info).as("node info through a configured core").isEqualTo(agent.agent().nodeInfo());
  }

  /**
   * Core loaded from a YAML file naming this provider reaches a secure agent. A failure means a
   * user's configuration file would not select the provider.
   */
  @Test
  default void required_disc_D6_selectedFromYaml(Tck tck) throws IOException {
    RunningAgent agent = tck.startAgent();
    Path dir = tck.tempDir();
    CoreConfig written = coreConfig(tck, dir, agent.address());
    Path file = dir.resolve("core.yaml");
    Files.writeString(file, yaml(written), StandardCharsets.UTF_8);

    CoreConfig loaded = ConfigLoader.loadCore(file);
    ClientTransport client =
        tck.track(CoreTransports.create(loaded, TransportRegistry.load(), CallListener.NONE));
    NodeInfo info = tck.await(tck.track(client.open(agent.address())).nodeInfo());

    assertThat(loaded.transport()).as("transport key read from YAML").isEqualTo(provider().name());
    assertThat(info)
        .as("node info through a core loaded from YAML")
        .isEqualTo(agent.agent().nodeInfo());
  }

  /**
   * Opening a channel to an address whose scheme the provider does not serve fails at once with
   * {@link IllegalArgumentException}. A failure means a misrouted address is sent somewhere anyway.
   */
  @Test
  default void required_disc_D7_foreignSchemeRejected(Tck tck) {
    ClientTransport client = tck.client().create();
    AgentAddress foreign = new AgentAddress("tck-unknown", "127.0.0.1", 9);

    assertThatThrownBy(() -> client.open(foreign))
        .as("open() of a scheme the provider does not serve")
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Writes core's PEM files into {@code dir} and returns a configuration that names them. */
  private CoreConfig coreConfig(Tck tck, Path dir, AgentAddress agent) {
    IssuedCertificate core = tck.pki().core();
    Path caBundle = tck.pki().ca().writeCertificatePem(dir.resolve("ca.pem"));
    Path key = core.writeKeyPem(dir.resolve("core-key.pem"));
    Path chain = core.writeChainPem(dir.resolve("core-chain.pem"));
    Path signingKey =
        new IssuedCertificate(tck.pki().signingKey(), tck.pki().core().chain())
            .writeKeyPem(dir.resolve("signing-key.pem"));
    return new CoreConfig(
        provider().name(),
        new CoreTlsConfig(caBundle, key, chain, null),
        new SigningConfig(TckPki.SIGNING_KEY_ID, signingKey, null),
        clientSettings(),
        List.of(agent),
        Map.of(provider().name(), clientOptions()));
  }

  private static String yaml(CoreConfig config) {
    CoreTlsConfig tls = config.tls();
    SigningConfig signing = config.signing();
    StringBuilder yaml = new StringBuilder();
    yaml.append("transport: ").append(config.transport()).append('\n');
    yaml.append("tls:\n");
    yaml.append("  ca_bundle: '").append(tls.caBundle()).append("'\n");
    yaml.append("  client_key: '").append(tls.clientKey()).append("'\n");
    yaml.append("  client_cert: '").append(tls.clientCert()).append("'\n");
    yaml.append("signing:\n");
    yaml.append("  key_id: ").append(signing.keyId()).append('\n');
    yaml.append("  key: '").append(signing.key()).append("'\n");
    yaml.append("agents:\n");
    yaml.append("  - ").append(config.agents().get(0)).append('\n');
    Map<String, String> options = config.optionsFor(config.transport());
    if (!options.isEmpty()) {
      yaml.append("options:\n  ").append(config.transport()).append(":\n");
      options.forEach(
          (key, value) ->
              yaml.append("    ").append(key).append(": '").append(value).append("'\n"));
    }
    return yaml.toString();
  }
}
