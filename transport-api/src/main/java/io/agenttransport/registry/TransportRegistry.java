package io.agenttransport.registry;

import io.agenttransport.config.ConfigException;
import io.agenttransport.spi.Availability;
import io.agenttransport.spi.TransportProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport providers found with {@link java.util.ServiceLoader}, and selection among them by
 * name or address scheme.
 *
 * <p>Discovery never throws: a provider whose class is missing, whose constructor throws, or whose
 * {@link TransportProvider#availability()} throws is recorded as unavailable with the reason, and
 * the others stay usable. The reasons appear in the error of {@link #select}. Each provider's name,
 * schemes and availability are read once, at load. Immutable and thread safe.
 */
public final class TransportRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(TransportRegistry.class);
  private static final Pattern PROVIDER_CLASS = Pattern.compile("Provider (\\S+)");
  private static final int MAX_LOAD_ERRORS = 100;

  private final List<Entry> entries;

  private TransportRegistry(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** Loads the providers visible to the thread's context class loader. */
  public static TransportRegistry load() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return load(loader == null ? TransportRegistry.class.getClassLoader() : loader);
  }

  /** Loads the providers visible to {@code loader}, on the class path and the module path. */
  public static TransportRegistry load(ClassLoader loader) {
    Objects.requireNonNull(loader, "loader");
    List<Entry> entries = new ArrayList<>();
    Iterator<TransportProvider> providers =
        ServiceLoader.load(TransportProvider.class, loader).iterator();
    int errors = 0;
    while (errors < MAX_LOAD_ERRORS) {
      try {
        if (!providers.hasNext()) {
          break;
        }
        entries.add(inspect(providers.next()));
      } catch (ServiceConfigurationError e) {
        errors++;
        entries.add(Entry.failed(e));
      }
    }
    return logged(new TransportRegistry(entries));
  }

  /** Returns a registry of the given providers, for tests and embedding. */
  public static TransportRegistry of(List<TransportProvider> providers) {
    List<Entry> entries = new ArrayList<>();
    providers.forEach(provider -> entries.add(inspect(provider)));
    return logged(new TransportRegistry(entries));
  }

  /** Returns what was found for each provider entry, in discovery order. */
  public List<ProviderStatus> providers() {
    return entries.stream().map(Entry::status).toList();
  }

  /**
   * Returns the available provider named {@code name}.
   *
   * @throws io.agenttransport.config.ConfigException if no provider has that name or it is
   *     unavailable, listing every provider found and why each unavailable one is unavailable, or
   *     if two providers claim the name, naming both classes
   */
  public TransportProvider select(String name) {
    Objects.requireNonNull(name, "name");
    List<Entry> named = entries.stream().filter(entry -> name.equals(entry.status.name())).toList();
    if (named.size() > 1) {
      throw new ConfigException(
          "transport",
          "two or more providers are named '"
              + name
              + "': "
              + named.stream().map(entry -> entry.status.className()).toList()
              + "; remove all but one of them from the class path");
    }
    if (named.isEmpty()) {
      throw new ConfigException(
          "transport", "no transport provider named '" + name + "'" + found());
    }
    Entry entry = named.get(0);
    if (!entry.status.usable()) {
      throw new ConfigException(
          "transport",
          "transport provider '"
              + name
              + "' is unavailable: "
              + entry.status.availability().reason()
              + found());
    }
    return entry.provider;
  }

  /** Returns an available provider that serves {@code scheme}, in discovery order of names. */
  public Optional<TransportProvider> forScheme(String scheme) {
    return forScheme(scheme, null);
  }

  /**
   * Returns an available provider that serves {@code scheme}: the provider named {@code preferred}
   * if it serves the scheme, otherwise the first by name among the others. A name claimed by two
   * providers is skipped, because neither can be chosen safely.
   */
  public Optional<TransportProvider> forScheme(String scheme, @Nullable String preferred) {
    String wanted = scheme.toLowerCase(Locale.ROOT);
    return entries.stream()
        .filter(entry -> entry.status.usable() && entry.schemes.contains(wanted))
        .filter(entry -> !duplicated(entry.status.name()))
        .min(
            Comparator.comparing((Entry entry) -> !entry.status.name().equals(preferred))
                .thenComparing(entry -> entry.status.name()))
        .map(entry -> entry.provider);
  }

  /** Returns every scheme that an available provider serves, sorted. */
  public Set<String> schemes() {
    return entries.stream()
        .filter(entry -> entry.status.usable())
        .flatMap(entry -> entry.schemes.stream())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private boolean duplicated(@Nullable String name) {
    return entries.stream().filter(entry -> Objects.equals(name, entry.status.name())).count() > 1;
  }

  private String found() {
    if (entries.isEmpty()) {
      return "; no transport providers were found: add a provider such as transport-http to the"
          + " class path";
    }
    return "; providers found: "
        + entries.stream().map(entry -> entry.status.describe()).collect(Collectors.joining("; "));
  }

  /** Reads a provider's name, schemes and availability, turning any exception into a reason. */
  private static Entry inspect(TransportProvider provider) {
    String className = provider.getClass().getName();
    String name;
    Set<String> schemes;
    try {
      name = provider.name();
      schemes =
          provider.schemes().stream()
              .map(s -> s.toLowerCase(Locale.ROOT))
              .collect(Collectors.toUnmodifiableSet());
    } catch (RuntimeException e) {
      LOG.warn("Transport provider {} failed to report its name or schemes", className, e);
      return new Entry(
          null, Set.of(), failedStatus(null, className, "name() or schemes() threw " + e));
    }
    return new Entry(
        provider, schemes, new ProviderStatus(name, className, availability(provider, name), null));
  }

  private static Availability availability(TransportProvider provider, String name) {
    try {
      return Objects.requireNonNull(provider.availability(), "availability() returned null");
    } catch (RuntimeException e) {
      LOG.warn("Transport provider {} failed to report its availability", name, e);
      return Availability.unavailable("availability() threw " + e);
    }
  }

  private static ProviderStatus failedStatus(
      @Nullable String name, String className, String reason) {
    return new ProviderStatus(name, className, Availability.unavailable(reason), reason);
  }

  private static TransportRegistry logged(TransportRegistry registry) {
    registry.entries.forEach(
        entry -> LOG.debug("Found transport provider {}", entry.status.describe()));
    return registry;
  }

  /** One provider entry, whose {@code provider} is {@code null} when it could not be loaded. */
  private record Entry(
      @Nullable TransportProvider provider, Set<String> schemes, ProviderStatus status) {
    static Entry failed(ServiceConfigurationError error) {
      String message = String.valueOf(error.getMessage());
      Matcher matcher = PROVIDER_CLASS.matcher(message);
      String className = matcher.find() ? matcher.group(1) : "unknown class";
      String reason = error.getCause() == null ? message : message + ": " + error.getCause();
      LOG.warn("Failed to load a transport provider: {}", reason, error);
      return new Entry(null, Set.of(), failedStatus(null, className, reason));
    }
  }
}
