package io.agenttransport.cli.certs;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An agent to issue a server certificate for: its name and the hosts its certificate names.
 *
 * @param name the agent's name, used as the common name and in file names
 * @param hosts the DNS names and IP addresses written as subject alternative names
 */
public record AgentSpec(String name, List<String> hosts) {
  /** The hosts an agent's certificate names when none are given: the loopback names. */
  public static final List<String> LOOPBACK_HOSTS = List.of("localhost", "127.0.0.1", "::1");

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

  /** Validates the name and every host. */
  public AgentSpec {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "invalid agent name '"
              + name
              + "': expected letters, digits, '.', '_' or '-', such as db-1");
    }
    hosts = List.copyOf(hosts);
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException("agent " + name + " has no DNS name or IP address");
    }
    hosts.forEach(HostNames::toGeneralName);
  }

  /**
   * Parses {@code NAME} or {@code NAME=HOST[,HOST...]}. Without hosts, the certificate names the
   * loopback addresses.
   *
   * @throws IllegalArgumentException naming the value if the name or a host is invalid
   */
  public static AgentSpec parse(String text) {
    int equals = text.indexOf('=');
    if (equals < 0) {
      return new AgentSpec(text.trim(), LOOPBACK_HOSTS);
    }
    List<String> hosts = new ArrayList<>();
    for (String host : text.substring(equals + 1).split(",")) {
      if (!host.isBlank()) {
        hosts.add(host.trim());
      }
    }
    return new AgentSpec(text.substring(0, equals).trim(), hosts);
  }
}
