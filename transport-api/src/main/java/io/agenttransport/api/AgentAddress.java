package io.agenttransport.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * The address of one agent: a scheme that selects a transport, a host and a port.
 *
 * <p>Written as a URI such as {@code https://db-1.internal:8443} or {@code grpcs://[::1]:9443}. The
 * host is what the agent's certificate must name (as a DNS or IP subject alternative name).
 *
 * @param scheme the lower-case scheme, such as {@code https} or {@code grpcs}
 * @param host the host name or IP literal, without brackets
 * @param port the TCP port, 1 to 65535
 */
public record AgentAddress(String scheme, String host, int port) {
  /** Validates the components. */
  public AgentAddress {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(host, "host");
    scheme = scheme.toLowerCase(Locale.ROOT);
    if (host.isEmpty()) {
      throw new IllegalArgumentException("agent address has an empty host");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          "invalid agent port " + port + ": expected a TCP port from 1 to 65535");
    }
  }

  /**
   * Parses an address written as {@code scheme://host:port}.
   *
   * @throws IllegalArgumentException naming the value if it is not such a URI
   */
  public static AgentAddress parse(String uri) {
    Objects.requireNonNull(uri, "uri");
    URI parsed;
    try {
      parsed = new URI(uri.trim());
    } catch (URISyntaxException e) {
      throw invalid(uri, e.getMessage());
    }
    if (parsed.getScheme() == null || parsed.getHost() == null || parsed.getPort() == -1) {
      throw invalid(uri, "scheme, host or port is missing");
    }
    boolean hasPath =
        parsed.getRawPath() != null
            && !parsed.getRawPath().isEmpty()
            && !"/".equals(parsed.getRawPath());
    if (hasPath || parsed.getRawQuery() != null || parsed.getRawUserInfo() != null) {
      throw invalid(uri, "a path, query or user name is not allowed");
    }
    String host = parsed.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new AgentAddress(parsed.getScheme(), host, parsed.getPort());
  }

  private static IllegalArgumentException invalid(String uri, String reason) {
    return new IllegalArgumentException(
        "invalid agent address '"
            + uri
            + "' ("
            + reason
            + "): expected scheme://host:port, for example https://db-1.internal:8443");
  }

  /** Returns the host as it appears in a URI authority, with brackets around an IPv6 literal. */
  public String uriHost() {
    return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
  }

  /** Returns {@code host:port}, bracketing an IPv6 literal. */
  public String authority() {
    return uriHost() + ":" + port;
  }

  /** Returns the address as {@code scheme://host:port}. */
  @Override
  public String toString() {
    return scheme + "://" + authority();
  }
}
