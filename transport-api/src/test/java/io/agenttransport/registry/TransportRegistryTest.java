package io.agenttransport.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agenttransport.config.ConfigException;
import io.agenttransport.spi.TransportProvider;
import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransportRegistryTest {
  @Test
  void noneFoundNamesTheFix() {
    TransportRegistry registry = TransportRegistry.load(folder("none"));

    assertThat(registry.providers()).isEmpty();
    assertThatThrownBy(() -> registry.select("http"))
        .isInstanceOfSatisfying(
            ConfigException.class, e -> assertThat(e.key()).isEqualTo("transport"))
        .hasMessageContaining("no transport provider named 'http'")
        .hasMessageContaining("no transport providers were found");
  }

  @Test
  void oneFoundIsSelected() {
    TransportRegistry registry = TransportRegistry.load(folder("one"));

    TransportProvider provider = registry.select("alpha");

    assertThat(provider).isInstanceOf(FakeProviders.Alpha.class);
  }

  @Test
  void unknownNameListsProviders() {
    TransportRegistry registry = TransportRegistry.load(folder("several"));

    assertThatThrownBy(() -> registry.select("omega"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("no transport provider named 'omega'")
        .hasMessageContaining("alpha (" + FakeProviders.Alpha.class.getName() + "): available")
        .hasMessageContaining("beta (" + FakeProviders.Beta.class.getName() + "): available");
  }

  @Test
  void severalFoundInOrder() {
    TransportRegistry registry = TransportRegistry.load(folder("several"));

    assertThat(registry.providers())
        .extracting(ProviderStatus::name)
        .containsExactly("alpha", "beta");
  }

  @Test
  void duplicateNameNamesBothClasses() {
    TransportRegistry registry = TransportRegistry.load(folder("duplicate"));

    assertThatThrownBy(() -> registry.select("alpha"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(FakeProviders.Alpha.class.getName())
        .hasMessageContaining(FakeProviders.AlphaAgain.class.getName());
  }

  @Test
  void duplicateNameLeavesOthersUsable() {
    TransportRegistry registry = TransportRegistry.load(folder("duplicate"));

    assertThat(registry.select("beta")).isInstanceOf(FakeProviders.Beta.class);
    assertThat(registry.forScheme("shared")).containsInstanceOf(FakeProviders.Beta.class);
  }

  @Test
  void unavailableSelectGivesReason() {
    TransportRegistry registry = TransportRegistry.load(folder("unavailable"));

    assertThatThrownBy(() -> registry.select("gamma"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("transport provider 'gamma' is unavailable")
        .hasMessageContaining("libgamma is not on the class path")
        .hasMessageContaining("delta probe crashed");
  }

  @Test
  void throwingAvailabilityIsUnavailable() {
    TransportRegistry registry = TransportRegistry.load(folder("unavailable"));

    ProviderStatus delta = status(registry, "delta");

    assertThat(delta.usable()).isFalse();
    assertThat(delta.availability().reason()).contains("delta probe crashed");
  }

  @Test
  void throwingConstructorIsReported() {
    TransportRegistry registry = TransportRegistry.load(folder("throwing"));

    List<ProviderStatus> statuses = registry.providers();

    assertThat(statuses).hasSize(3);
    assertThat(statuses.get(0).className()).isEqualTo(FakeProviders.Exploding.class.getName());
    assertThat(statuses.get(0).loadError()).contains("epsilon constructor failed");
    assertThat(statuses.get(1).className()).isEqualTo("io.agenttransport.registry.NoSuchProvider");
    assertThat(statuses.get(1).loadError()).contains("not found");
  }

  @Test
  void throwingConstructorSparesOthers() {
    TransportRegistry registry = TransportRegistry.load(folder("throwing"));

    TransportProvider beta = registry.select("beta");

    assertThat(beta).isInstanceOf(FakeProviders.Beta.class);
  }

  @Test
  void schemePrefersSelected() {
    TransportRegistry registry = TransportRegistry.load(folder("several"));

    assertThat(registry.forScheme("shared", "beta")).containsInstanceOf(FakeProviders.Beta.class);
    assertThat(registry.forScheme("SHARED", "alpha")).containsInstanceOf(FakeProviders.Alpha.class);
  }

  @Test
  void schemeWithoutPreferenceTakesFirstName() {
    TransportRegistry registry = TransportRegistry.load(folder("several"));

    assertThat(registry.forScheme("shared")).containsInstanceOf(FakeProviders.Alpha.class);
  }

  @Test
  void schemeOfUnavailableIsEmpty() {
    TransportRegistry registry = TransportRegistry.load(folder("unavailable"));

    assertThat(registry.forScheme("gamma")).isEmpty();
    assertThat(registry.schemes()).containsExactly("alpha", "shared");
  }

  @Test
  void ofListsGivenProviders() {
    TransportRegistry registry =
        TransportRegistry.of(List.of(new FakeProviders.Beta(), new FakeProviders.Missing()));

    assertThat(registry.select("beta")).isInstanceOf(FakeProviders.Beta.class);
    assertThat(status(registry, "gamma").usable()).isFalse();
  }

  private static ProviderStatus status(TransportRegistry registry, String name) {
    return registry.providers().stream()
        .filter(status -> name.equals(status.name()))
        .findFirst()
        .orElseThrow();
  }

  /** Returns a loader whose services files are those under {@code registry/<name>/} only. */
  private static ClassLoader folder(String name) {
    ClassLoader parent = TransportRegistryTest.class.getClassLoader();
    return new ClassLoader(parent) {
      @Override
      public Enumeration<URL> getResources(String resource) throws IOException {
        return parent.getResources("registry/" + name + "/" + resource);
      }
    };
  }
}
