package io.agenttransport.security;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.util.IPAddress;
import org.jspecify.annotations.Nullable;

/**
 * The {@code @authority} values an agent accepts in a signature: the configured {@code host:port}
 * list, or else the DNS and IP subject alternative names of the agent's certificate and the IP
 * address the request arrived on, each with the port the request arrived on.
 */
final class Audience {
  private static final int SAN_DNS = 2;
  private static final int SAN_IP = 7;

  private final Set<String> configured;
  private final Set<String> dnsNames;
  private final Set<InetAddress> ipAddresses;

  private Audience(Set<String> configured, Set<String> dnsNames, Set<InetAddress> ipAddresses) {
    this.configured = Set.copyOf(configured);
    this.dnsNames = Set.copyOf(dnsNames);
    this.ipAddresses = Set.copyOf(ipAddresses);
  }

  /**
   * Creates the audience.
   *
   * @param authorities the configured {@code host:port} values; empty to use the certificate
   * @param certificate the agent's certificate, or {@code null} without TLS
   */
  static Audience of(List<String> authorities, @Nullable X509Certificate certificate) {
    Set<String> configured = new HashSet<>();
    for (String authority : authorities) {
      configured.add(authority.toLowerCase(Locale.ROOT));
    }
    Set<String> dnsNames = new HashSet<>();
    Set<InetAddress> ipAddresses = new HashSet<>();
    if (certificate != null) {
      readSubjectAlternativeNames(certificate, dnsNames, ipAddresses);
    }
    return new Audience(configured, dnsNames, ipAddresses);
  }

  /**
   * Returns whether a request that arrived on {@code localAddress} may be signed for this value. An
   * authority without a port names the default port of the scheme, 443 over TLS and 80 without,
   * because a normalized http or https authority leaves the default port out. An IPv6 address must
   * be in brackets.
   */
  boolean accepts(String authority, InetSocketAddress localAddress, boolean tls) {
    HostAndPort parsed = HostAndPort.parse(authority.toLowerCase(Locale.ROOT), tls);
    if (parsed == null) {
      return false;
    }
    if (!configured.isEmpty()) {
      return configured.contains(parsed.host() + ":" + parsed.port())
          || configured.contains("[" + parsed.host() + "]:" + parsed.port());
    }
    if (!parsed.port().equals(port(localAddress))) {
      return false;
    }
    InetAddress ip = ipLiteral(parsed.host());
    if (ip == null) {
      return dnsNames.contains(parsed.host());
    }
    return ip.equals(localAddress.getAddress()) || ipAddresses.contains(ip);
  }

  /** An authority split into its host, without brackets, and its port, explicit or default. */
  private record HostAndPort(String host, String port) {
    private static final String HTTPS_PORT = "443";
    private static final String HTTP_PORT = "80";

    /** Splits {@code authority}, or returns {@code null} if it is not {@code host[:port]}. */
    static @Nullable HostAndPort parse(String authority, boolean tls) {
      String host;
      String rest;
      if (authority.startsWith("[")) {
        int close = authority.indexOf(']');
        if (close < 0) {
          return null;
        }
        host = authority.substring(1, close);
        rest = authority.substring(close + 1);
      } else {
        int colon = authority.indexOf(':');
        host = colon < 0 ? authority : authority.substring(0, colon);
        rest = colon < 0 ? "" : authority.substring(colon);
      }
      if (host.isEmpty()) {
        return null;
      }
      if (rest.isEmpty()) {
        return new HostAndPort(host, tls ? HTTPS_PORT : HTTP_PORT);
      }
      String port = rest.substring(1);
      if (!rest.startsWith(":") || port.isEmpty() || !port.chars().allMatch(Character::isDigit)) {
        // This also rejects an IPv6 address without brackets, whose colons are ambiguous.
        return null;
      }
      return new HostAndPort(host, port);
    }
  }

  private static String port(InetSocketAddress address) {
    return Integer.toString(address.getPort());
  }

  private static void readSubjectAlternativeNames(
      X509Certificate certificate, Set<String> dnsNames, Set<InetAddress> ipAddresses) {
    Collection<List<?>> names;
    try {
      names = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      throw new IllegalArgumentException(
          "cannot read the subject alternative names of the agent certificate", e);
    }
    if (names == null) {
      return;
    }
    for (List<?> name : names) {
      int type = (Integer) name.get(0);
      String value = String.valueOf(name.get(1)).toLowerCase(Locale.ROOT);
      if (type == SAN_DNS) {
        dnsNames.add(value);
      } else if (type == SAN_IP) {
        InetAddress ip = ipLiteral(value);
        if (ip != null) {
          ipAddresses.add(ip);
        }
      }
    }
  }

  /** Parses an IP literal without any name lookup, or returns {@code null} for a host name. */
  private static @Nullable InetAddress ipLiteral(String host) {
    if (!IPAddress.isValid(host)) {
      return null;
    }
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
