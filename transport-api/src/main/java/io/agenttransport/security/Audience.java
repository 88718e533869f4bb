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
   * Returns whether a request that arrived on {@code localAddress} may be signed for this value.
   */
  boolean accepts(String authority, InetSocketAddress localAddress) {
    String normalized = authority.toLowerCase(Locale.ROOT);
    if (!configured.isEmpty()) {
      return configured.contains(normalized);
    }
    int colon = normalized.lastIndexOf(':');
    if (colon < 0 || !normalized.substring(colon + 1).equals(port(localAddress))) {
      return false;
    }
    String host = normalized.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    InetAddress ip = ipLiteral(host);
    if (ip == null) {
      return dnsNames.contains(host);
    }
    return ip.equals(localAddress.getAddress()) || ipAddresses.contains(ip);
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
