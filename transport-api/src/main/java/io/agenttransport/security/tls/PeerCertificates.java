package io.agenttransport.security.tls;

import io.agenttransport.config.PeerIdentity;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.util.IPAddress;
import org.jspecify.annotations.Nullable;

/** Checks on a peer's leaf certificate that PKIX path validation does not make. */
final class PeerCertificates {
  static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";

  // General name types of X509Certificate.getSubjectAlternativeNames(), from RFC 5280 4.2.1.6.
  private static final int SAN_DNS = 2;
  private static final int SAN_URI = 6;
  private static final int SAN_IP = 7;

  private static final int KEY_USAGE_DIGITAL_SIGNATURE = 0;
  private static final int KEY_USAGE_KEY_ENCIPHERMENT = 2;

  private PeerCertificates() {}

  /** Checks that the certificate is valid now, with a message that names the date. */
  static void checkValidity(X509Certificate certificate) throws CertificateException {
    Date now = new Date();
    try {
      certificate.checkValidity(now);
    } catch (CertificateExpiredException e) {
      throw new CertificateExpiredException(
          "certificate expired on " + certificate.getNotAfter().toInstant());
    } catch (CertificateNotYetValidException e) {
      throw new CertificateNotYetValidException(
          "certificate is not valid before " + certificate.getNotBefore().toInstant());
    }
  }

  /**
   * Checks that the certificate is an end-entity certificate. A CA certificate that reaches a trust
   * anchor passes PKIX validation as a one-element chain, so it must be rejected here.
   */
  static void checkEndEntity(X509Certificate certificate) throws CertificateException {
    if (certificate.getBasicConstraints() >= 0) {
      throw new CertificateException(
          "the certificate is a CA certificate (basic constraints cA=true), not an end-entity"
              + " certificate");
    }
  }

  /**
   * Checks that the extended key usage, if present, allows {@code purpose}. RFC 5280 4.2.1.12 reads
   * a certificate without the extension as valid for any purpose.
   */
  static void checkExtendedKeyUsage(X509Certificate certificate, String purpose, String name)
      throws CertificateException {
    List<String> usages = certificate.getExtendedKeyUsage();
    if (usages != null && !usages.contains(purpose) && !usages.contains(ANY_EXTENDED_KEY_USAGE)) {
      throw new CertificateException(
          "extended key usage " + usages + " does not allow " + name + " (" + purpose + ")");
    }
  }

  /**
   * Checks that the key usage, if present, allows TLS authentication: digitalSignature, or
   * keyEncipherment for RSA keys.
   */
  static void checkKeyUsage(X509Certificate certificate) throws CertificateException {
    boolean[] usage = certificate.getKeyUsage();
    if (usage == null || usage[KEY_USAGE_DIGITAL_SIGNATURE]) {
      return;
    }
    boolean rsa = certificate.getPublicKey().getAlgorithm().equals("RSA");
    if (rsa && usage[KEY_USAGE_KEY_ENCIPHERMENT]) {
      return;
    }
    throw new CertificateException(
        "key usage allows neither digitalSignature"
            + (rsa ? " nor keyEncipherment" : "")
            + ", which TLS authentication needs");
  }

  /**
   * Checks that a DNS or IP subject alternative name matches {@code host}. The subject CN is never
   * used. A wildcard is accepted only as the whole leftmost label of a DNS name and matches exactly
   * one label, and never matches an IP address.
   */
  static void checkHost(X509Certificate certificate, String host) throws CertificateException {
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    boolean matches =
        IPAddress.isValid(bare)
            ? matchesIpAddress(certificate, bare)
            : matchesDnsName(certificate, bare.toLowerCase(Locale.ROOT));
    if (!matches) {
      throw new CertificateException(
          "no DNS or IP subject alternative name matches the agent address '" + host + "'");
    }
  }

  private static boolean matchesIpAddress(X509Certificate certificate, String address)
      throws CertificateException {
    byte[] expected = ipBytes(address);
    for (String name : subjectAlternativeNames(certificate, SAN_IP)) {
      if (IPAddress.isValid(name) && Arrays.equals(expected, ipBytes(name))) {
        return true;
      }
    }
    return false;
  }

  private static byte[] ipBytes(String literal) throws CertificateException {
    try {
      // The argument is an IP literal, checked by the caller, so no name lookup happens.
      return InetAddress.getByName(literal).getAddress();
    } catch (UnknownHostException e) {
      throw new CertificateException("invalid IP address '" + literal + "'", e);
    }
  }

  private static boolean matchesDnsName(X509Certificate certificate, String host)
      throws CertificateException {
    String hostName = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    for (String name : subjectAlternativeNames(certificate, SAN_DNS)) {
      if (dnsNameMatches(name.toLowerCase(Locale.ROOT), hostName)) {
        return true;
      }
    }
    return false;
  }

  private static boolean dnsNameMatches(String pattern, String host) {
    if (!pattern.startsWith("*.")) {
      return !pattern.contains("*") && pattern.equals(host);
    }
    String suffix = pattern.substring(1);
    if (suffix.contains("*") || suffix.indexOf('.', 1) < 0) {
      // A wildcard elsewhere, or one over a single label such as "*.com", matches nothing.
      return false;
    }
    int firstDot = host.indexOf('.');
    return firstDot > 0 && host.substring(firstDot).equals(suffix);
  }

  /** Returns whether the certificate carries the identity, as {@link PeerIdentity} defines it. */
  static boolean hasIdentity(X509Certificate certificate, PeerIdentity identity)
      throws CertificateException {
    return switch (identity.type()) {
      case URI -> subjectAlternativeNames(certificate, SAN_URI).contains(identity.value());
      case DNS ->
          subjectAlternativeNames(certificate, SAN_DNS).stream()
              .anyMatch(name -> name.equalsIgnoreCase(identity.value()));
      case CN -> identity.value().equals(commonName(certificate));
    };
  }

  /** Returns the subject's only common name, or null if it has none or several. */
  static @Nullable String commonName(X509Certificate certificate) {
    X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    RDN[] names = subject.getRDNs(BCStyle.CN);
    if (names.length != 1 || names[0].isMultiValued()) {
      return null;
    }
    return IETFUtils.valueToString(names[0].getFirst().getValue());
  }

  static List<String> subjectAlternativeNames(X509Certificate certificate, int type)
      throws CertificateParsingException {
    Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
    List<String> names = new ArrayList<>();
    if (entries == null) {
      return names;
    }
    for (List<?> entry : entries) {
      if (entry.get(0) instanceof Integer entryType
          && entryType == type
          && entry.get(1) instanceof String value) {
        names.add(value);
      }
    }
    return names;
  }

  /** Describes a certificate for logs: subject, subject alternative names, serial and issuer. */
  static String describe(X509Certificate @Nullable [] chain) {
    if (chain == null || chain.length == 0) {
      return "no certificate";
    }
    X509Certificate leaf = chain[0];
    String alternativeNames;
    try {
      Collection<List<?>> entries = leaf.getSubjectAlternativeNames();
      alternativeNames = entries == null ? "[]" : entries.toString();
    } catch (CertificateParsingException e) {
      alternativeNames = "unreadable";
    }
    return "subject '"
        + leaf.getSubjectX500Principal().getName()
        + "', SANs "
        + alternativeNames
        + ", serial "
        + leaf.getSerialNumber().toString(16)
        + ", issuer '"
        + leaf.getIssuerX500Principal().getName()
        + "'";
  }
}
