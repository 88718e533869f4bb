package io.agenttransport.cli;

import java.util.List;

/**
 * Sets slf4j-simple's log levels from the command line before the first logger is created, unless
 * the user set them with {@code -D}.
 *
 * <p>{@code --verbose} logs at debug. Otherwise the framework logs at info, except in the demo,
 * which prints its own steps and would be buried under the warnings its attacks cause on purpose.
 * Jetty logs warnings only.
 */
final class LogLevels {
  private static final String PREFIX = "org.slf4j.simpleLogger.";

  private LogLevels() {}

  static void configure(List<String> args) {
    String level;
    if (args.contains(AgentTransportCommand.VERBOSE)) {
      level = "debug";
    } else if (args.contains("demo")) {
      level = "error";
    } else {
      level = "info";
    }
    setIfAbsent(PREFIX + "defaultLogLevel", level);
    if (!"debug".equals(level)) {
      setIfAbsent(PREFIX + "log.org.eclipse.jetty", "warn");
    }
    setIfAbsent(PREFIX + "logFile", "System.err");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
