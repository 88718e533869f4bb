package io.agenttransport.security.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agenttransport.config.PeerIdentity;
import io.agenttransport.testing.TestPki;
import io.agenttransport.testing.TestPki.Issued;
import java.security.cert.CertificateException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Host name, IP address and identity matching on leaf certificates. */
class PeerCertificatesTest {
  private static Issued ca;
  private static Issued wildcard;
  private static Issued addresses;

  @BeforeAll
  static void createPki() {
    ca = TestPki.rootCa("Test CA").build();
    wildcard =
        TestPki.certificate("agents")
            .issuer(ca)
            .dns("*.agents.example", "*.com", "a*.other.example", "Exact.Example")
            .build();
    addresses = TestPki.certificate("agent").issuer(ca).ip("::1", "192.0.2.7").build();
  }

  @Test
  void wildcardMatchesOneLabel() {
    assertThatCode(
            () -> PeerCertificates.checkHost(wildcard.certificate(), "node-1.agents.example"))
        .doesNotThrowAnyException();
  }

  @Test
  void wildcardSpansNoTwoLabels() {
    assertThatThrownBy(
            () -> PeerCertificates.checkHost(wildcard.certificate(), "a.b.agents.example"))
        .isInstanceOf(CertificateException.class);
  }

  @Test
  void wildcardNeedsALabel() {
    assertThatThrownBy(() -> PeerCertificates.checkHost(wildcard.certificate(), "agents.example"))
        .isInstanceOf(CertificateException.class);
  }

  @Test
  void wildcardOverTopLevelIgnored() {
    assertThatThrownBy(() -> PeerCertificates.checkHost(wildcard.certificate(), "example.com"))
        .isInstanceOf(CertificateException.class);
  }

  @Test
  void partialWildcardIgnored() {
    assertThatThrownBy(() -> PeerCertificates.checkHost(wildcard.certificate(), "ab.other.example"))
        .isInstanceOf(CertificateException.class);
  }

  @Test
  void dnsMatchIgnoresCaseAndTrailingDot() {
    assertThatCode(() -> PeerCertificates.checkHost(wildcard.certificate(), "exact.EXAMPLE."))
        .doesNotThrowAnyException();
  }

  @Test
  void ipv6MatchesInAnyForm() {
    assertThatCode(() -> PeerCertificates.checkHost(addresses.certificate(), "[::1]"))
        .doesNotThrowAnyException();
    assertThatCode(() -> PeerCertificates.checkHost(addresses.certificate(), "0:0:0:0:0:0:0:1"))
        .doesNotThrowAnyException();
  }

  @Test
  void ipNeverMatchesDnsName() {
    Issued dnsOnly = TestPki.certificate("agent").issuer(ca).dns("192.0.2.7").build();

    assertThatThrownBy(() -> PeerCertificates.checkHost(dnsOnly.certificate(), "192.0.2.7"))
        .isInstanceOf(CertificateException.class);
  }

  @Test
  void otherIpRejected() {
    assertThatThrownBy(() -> PeerCertificates.checkHost(addresses.certificate(), "192.0.2.8"))
        .isInstanceOf(CertificateException.class)
        .hasMessage("no DNS or IP subject alternative name matches the agent address '192.0.2.8'");
  }

  @Test
  void uriIdentityIsExact() throws Exception {
    Issued core = TestPki.certificate("core").issuer(ca).uri("spiffe://example/core").build();

    assertThat(
            PeerCertificates.hasIdentity(
                core.certificate(), PeerIdentity.parse("URI:spiffe://example/core")))
        .isTrue();
    assertThat(
            PeerCertificates.hasIdentity(
                core.certificate(), PeerIdentity.parse("URI:spiffe://example/Core")))
        .isFalse();
    assertThat(PeerCertificates.hasIdentity(core.certificate(), PeerIdentity.parse("CN:core")))
        .isTrue();
    assertThat(PeerCertificates.hasIdentity(core.certificate(), PeerIdentity.parse("DNS:core")))
        .isFalse();
  }
}
