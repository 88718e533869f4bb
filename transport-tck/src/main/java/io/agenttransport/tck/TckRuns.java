package io.agenttransport.tck;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The provider name behind each TCK test class that ran in this JVM, recorded by {@link
 * TckExtension} so that the report can be named after the provider.
 */
public final class TckRuns {
  private static final Map<String, String> PROVIDERS = new ConcurrentHashMap<>();

  private TckRuns() {}

  static void recordProvider(String testClass, String provider) {
    PROVIDERS.put(testClass, provider);
  }

  /** Returns the provider name tested by {@code testClass}, or the class's simple name. */
  public static String providerName(String testClass) {
    String name = PROVIDERS.get(testClass);
    if (name != null) {
      return name;
    }
    int dot = Math.max(testClass.lastIndexOf('.'), testClass.lastIndexOf('$'));
    return testClass.substring(dot + 1);
  }
}
