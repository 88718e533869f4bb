package io.agenttransport.cli.certs;

import java.util.regex.Pattern;
import org.bouncycastle.asn1.x509.GeneralName;

/** Classifies host names and IP literals for subject alternative names. */
final class HostNames {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern DNS =
      Pattern.compile(
          "(?i)(\\*\\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

  private HostNames() {}

  /** Returns whether {@code host} is an IPv4 or IPv6 literal. */
  static boolean isIpLiteral(String host) {
    return IPV4.matcher(host).matches() || host.indexOf(':') >= 0;
  }

  /**
   * Returns the subject alternative name for a DNS name or an IP literal.
   *
   * @throws IllegalArgumentException naming the value if it is neither
   */
  static GeneralName toGeneralName(String host) {
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (isIpLiteral(bare)) {
      try {
        return new GeneralName(GeneralName.iPAddress, bare);
      } catch (IllegalArgumentException e) {
        throw invalid(host, e);
      }
    }
    if (!DNS.matcher(bare).matches()) {
      throw invalid(host, null);
    }
    return new GeneralName(GeneralName.dNSName, bare);
  }

  private static IllegalArgumentException invalid(String host, Throwable cause) {
    return new IllegalArgumentException(
        "invalid host '"
            + host
            + "': expected a DNS name such as db-1.internal or an IP address such as 10.0.0.5",
        cause);
  }
}
