package io.agenttransport.security.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agenttransport.config.ClientSettings;
import io.agenttransport.config.ConfigException;
import io.agenttransport.config.PeerIdentity;
import io.agenttransport.config.ServerSettings;
import io.agenttransport.security.tls.LoopbackTls.Outcome;
import io.agenttransport.testing.TestPki;
import io.agenttransport.testing.TestPki.Issued;
import io.agenttransport.testing.TestPki.KeyType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mutual TLS between core's and an agent's material over real loopback sockets. */
class MutualTlsTest {
  private static final String AGENT_HOST = "127.0.0.1";
  private static final PeerIdentity CORE = PeerIdentity.parse("URI:spiffe://example/core");
  private static final String CA_AS_LEAF =
      "the certificate is a CA certificate (basic constraints cA=true), not an end-entity"
          + " certificate";

  private static Issued ca;
  private static Issued otherCa;
  private static Issued agent;
  private static Issued core;

  @TempDir Path dir;

  @BeforeAll
  static void createPki() {
    ca = TestPki.rootCa("Test CA").build();
    otherCa = TestPki.rootCa("Other CA").build();
    agent = agentCertificate(ca).build();
    core = coreCertificate(ca).build();
  }

  @Test
  void validMutualTlsAccepted() throws Exception {
    Outcome outcome = LoopbackTls.connect(agentContext(agent), coreContext(core), AGENT_HOST);

    assertThat(outcome.clientError()).isNull();
    assertThat(outcome.serverError()).isNull();
  }

  @Test
  void validMutualTlsByDnsName() throws Exception {
    Outcome outcome = LoopbackTls.connect(agentContext(agent), coreContext(core), "localhost");

    assertThat(outcome.succeeded()).isTrue();
  }

  @Test
  void rsaAndEd25519KeysAccepted() throws Exception {
    Issued rsaAgent = agentCertificate(ca).keyType(KeyType.RSA).build();
    Issued edCore = coreCertificate(ca).keyType(KeyType.ED25519).build();

    Outcome outcome = LoopbackTls.connect(agentContext(rsaAgent), coreContext(edCore), AGENT_HOST);

    assertThat(outcome.succeeded()).isTrue();
  }

  @Test
  void noClientCertificateRejected() throws Exception {
    SSLContext anonymous = LoopbackTls.jdkContext(null, List.of(ca.certificate()));

    Outcome outcome = LoopbackTls.connect(agentContext(agent), anonymous, AGENT_HOST);

    assertThat(outcome.serverError()).hasMessageContaining("certificate");
    assertThat(outcome.clientError()).isNotNull();
    assertThat(outcome.serverReceived()).isZero();
  }

  @Test
  void clientCertificateFromUnknownCaRejected() throws Exception {
    Issued stranger = coreCertificate(otherCa).build();

    Outcome outcome = LoopbackTls.connect(agentContext(agent), coreContext(stranger), AGENT_HOST);

    assertThat(outcome.serverError()).hasStackTraceContaining("Empty client certificate chain");
    assertThat(outcome.clientError()).isNotNull();
    assertThat(outcome.serverReceived()).isZero();
  }

  @Test
  void clientCertificateFromSameNameCaRejected() throws Exception {
    Issued impostorCa = TestPki.rootCa("Test CA").build();
    Issued stranger = coreCertificate(impostorCa).build();
    SSLContext client = LoopbackTls.jdkContext(stranger, List.of(ca.certificate()));

    Outcome outcome = LoopbackTls.connect(agentContext(agent), client, AGENT_HOST);

    assertThat(outcome.serverError()).hasStackTraceContaining("PKIX path");
    assertThat(outcome.clientError()).isNotNull();
    assertThat(outcome.serverReceived()).isZero();
  }

  @Test
  void agentCertificateUsedAsCoreRejected() throws Exception {
    Issued otherAgent =
        TestPki.certificate("agent-2").issuer(ca).dns("agent-2").serverAuth().clientAuth().build();

    Outcome outcome = LoopbackTls.connect(agentContext(agent), coreContext(otherAgent), AGENT_HOST);

    assertThat(outcome.serverError())
        .hasRootCauseMessage(
            "the certificate carries none of core's identities [URI:spiffe://example/core]");
    assertThat(outcome.clientError()).isNotNull();
    assertThat(outcome.serverReceived()).isZero();
  }

  @Test
  void caCertificateAsCoreRejected() throws Exception {
    Issued caAsCore =
        coreCertificate(ca)
            .ca(0)
            .keyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign)
            .build();

    Outcome outcome = LoopbackTls.connect(agentContext(agent), coreContext(caAsCore), AGENT_HOST);

    assertThat(outcome.serverError()).hasRootCauseMessage(CA_AS_LEAF);
    assertThat(outcome.clientError()).isNotNull();
    assertThat(outcome.serverReceived()).isZero();
  }

  @Test
  void caCertificateAsAgentRejected() throws Exception {
    Issued caAsAgent =
        agentCertificate(ca)
            .ca(0)
            .keyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign)
            .build();

    Outcome outcome = LoopbackTls.connect(agentContext(caAsAgent), coreContext(core), AGENT_HOST);

    assertThat(outcome.clientError()).hasRootCauseMessage(CA_AS_LEAF);
    assertThat(outcome.serverReceived()).isZero();
  }

  @Test
  void serverAuthOnlyClientRejected() throws Exception {
    Issued serverOnly =
        TestPki.certificate("core").issuer(ca).uri(CORE.value()).serverAuth().build();
    SSLContext client = LoopbackTls.jdkContext(serverOnly, List.of(ca.certificate()));

    Outcome outcome = LoopbackTls.connect(agentContext(agent), client, AGENT_HOST);

    assertThat(outcome.serverError())
        .hasStackTraceContaining(
            "Extended key usage does not permit use for TLS client authentication");
    assertThat(outcome.serverReceived()).isZero();
  }

  @Test
  void coreIdentityByDnsAndCn() throws Exception {
    Issued dnsCore =
        TestPki.certificate("core").issuer(ca).dns("core.example").clientAuth().build();
    ServerTlsMaterial byDns = serverMaterial(agent, PeerIdentity.parse("DNS:Core.Example"));
    ServerTlsMaterial byCn = serverMaterial(agent, PeerIdentity.parse("CN:core"));

    Outcome dnsOutcome = LoopbackTls.connect(byDns.sslContext(), coreContext(dnsCore), AGENT_HOST);
    Outcome cnOutcome = LoopbackTls.connect(byCn.sslContext(), coreContext(dnsCore), AGENT_HOST);

    assertThat(dnsOutcome.succeeded()).isTrue();
    assertThat(cnOutcome.succeeded()).isTrue();
  }

  @Test
  void agentFromUnknownCaGetsNoBytes() throws Exception {
    Issued impostor = agentCertificate(otherCa).build();
    SSLContext server = LoopbackTls.jdkContext(impostor, List.of(ca.certificate()));

    Outcome outcome = LoopbackTls.connect(server, coreContext(core), AGENT_HOST);

    assertThat(outcome.clientError())
        .hasStackTraceContaining("unable to find valid certification path");
    assertThat(outcome.serverReceived()).isZero();
  }

  @Test
  void sanMismatchRejected() throws Exception {
    Issued elsewhere =
        TestPki.certificate("agent-9")
            .issuer(ca)
            .dns("agent-9.example")
            .ip("10.0.0.9")
            .serverAuth()
            .build();

    Outcome outcome = LoopbackTls.connect(agentContext(elsewhere), coreContext(core), AGENT_HOST);

    assertThat(outcome.clientError())
        .hasRootCauseMessage(
            "no DNS or IP subject alternative name matches the agent address '127.0.0.1'");
    assertThat(outcome.serverReceived()).isZero();
  }

  @Test
  void nameOnlyInCommonNameRejected() throws Exception {
    Issued cnOnly = TestPki.certificate("localhost").issuer(ca).serverAuth().build();

    Outcome outcome = LoopbackTls.connect(agentContext(cnOnly), coreContext(core), "localhost");

    assertThat(outcome.clientError())
        .hasRootCauseMessage(
            "no DNS or IP subject alternative name matches the agent address 'localhost'");
    assertThat(outcome.serverReceived()).isZero();
  }

  @Test
  void clientAuthOnlyAgentRejected() throws Exception {
    Issued clientOnly =
        TestPki.certificate("agent-1").issuer(ca).ip(AGENT_HOST).clientAuth().build();
    SSLContext server = LoopbackTls.jdkContext(clientOnly, List.of(ca.certificate()));

    Outcome outcome = LoopbackTls.connect(server, coreContext(core), AGENT_HOST);

    assertThat(outcome.clientError())
        .hasStackTraceContaining(
            "Extended key usage does not permit use for TLS server authentication");
    assertThat(outcome.serverReceived()).isZero();
  }

  @Test
  void chainValidOnlyThroughJvmDefaultStoreRejected() throws Exception {
    Issued publicAgent = agentCertificate(otherCa).build();
    Path store = dir.resolve("jvm-default.p12");
    writeTrustStore(store, otherCa.certificate());
    String previous = System.getProperty("javax.net.ssl.trustStore");
    System.setProperty("javax.net.ssl.trustStore", store.toString());
    System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
    try {
      jvmDefaultTrustManager()
          .checkServerTrusted(publicAgent.chain().toArray(new X509Certificate[0]), "UNKNOWN");
      SSLContext server = LoopbackTls.jdkContext(publicAgent, List.of(ca.certificate()));

      Outcome outcome = LoopbackTls.connect(server, coreContext(core), AGENT_HOST);

      assertThat(outcome.clientError())
          .hasStackTraceContaining("unable to find valid certification path");
      assertThat(outcome.serverReceived()).isZero();
    } finally {
      System.clearProperty("javax.net.ssl.trustStorePassword");
      if (previous == null) {
        System.clearProperty("javax.net.ssl.trustStore");
      } else {
        System.setProperty("javax.net.ssl.trustStore", previous);
      }
    }
  }

  @Test
  void twoCaBundleAcceptsBoth() throws Exception {
    Issued thirdCa = TestPki.rootCa("Third CA").build();
    ClientTlsMaterial material =
        ClientTlsMaterial.of(
            core.privateKey(),
            core.chain(),
            List.of(ca.certificate(), otherCa.certificate()),
            ClientSettings.DEFAULTS);

    Outcome first =
        LoopbackTls.connect(
            agentContext(agentCertificate(ca).build()), material.sslContext(), AGENT_HOST);
    Outcome second =
        LoopbackTls.connect(
            agentContext(agentCertificate(otherCa).build()), material.sslContext(), AGENT_HOST);
    Outcome third =
        LoopbackTls.connect(
            LoopbackTls.jdkContext(agentCertificate(thirdCa).build(), List.of(ca.certificate())),
            material.sslContext(),
            AGENT_HOST);

    assertThat(first.succeeded()).isTrue();
    assertThat(second.succeeded()).isTrue();
    assertThat(third.clientError())
        .hasStackTraceContaining("unable to find valid certification path");
  }

  @Test
  void intermediateChainAccepted() throws Exception {
    Issued intermediate = TestPki.certificate("Intermediate CA").issuer(ca).ca(0).build();
    Issued viaIntermediate = agentCertificate(intermediate).build();

    Outcome outcome =
        LoopbackTls.connect(agentContext(viaIntermediate), coreContext(core), AGENT_HOST);

    assertThat(viaIntermediate.chain()).hasSize(2);
    assertThat(outcome.succeeded()).isTrue();
  }

  @Test
  void leafUsedAsIssuerRejected() throws Exception {
    Issued leaf =
        TestPki.certificate("not-a-ca")
            .issuer(ca)
            .keyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign)
            .build();
    Issued signedByLeaf = agentCertificate(leaf).build();
    SSLContext server = LoopbackTls.jdkContext(signedByLeaf, List.of(ca.certificate()));

    Outcome outcome = LoopbackTls.connect(server, coreContext(core), AGENT_HOST);

    assertThat(signedByLeaf.chain()).hasSize(2);
    assertThat(outcome.clientError()).hasStackTraceContaining("this is not a CA certificate");
    assertThat(outcome.serverReceived()).isZero();
  }

  @Test
  void pathLengthExceededRejected() throws Exception {
    Issued first = TestPki.certificate("Intermediate CA 1").issuer(ca).ca(0).build();
    Issued second = TestPki.certificate("Intermediate CA 2").issuer(first).ca(null).build();
    Issued tooDeep = agentCertificate(second).build();
    SSLContext server = LoopbackTls.jdkContext(tooDeep, List.of(ca.certificate()));

    Outcome outcome = LoopbackTls.connect(server, coreContext(core), AGENT_HOST);

    assertThat(tooDeep.chain()).hasSize(3);
    assertThat(outcome.clientError()).hasStackTraceContaining("pathLenConstraint violated");
    assertThat(outcome.serverReceived()).isZero();
  }

  @Test
  void expiredAgentRejected() throws Exception {
    Issued expired = agentCertificate(ca).validity(hoursFromNow(-48), hoursFromNow(-24)).build();
    SSLContext server = LoopbackTls.jdkContext(expired, List.of(ca.certificate()));

    Outcome outcome = LoopbackTls.connect(server, coreContext(core), AGENT_HOST);

    assertThat(outcome.clientError())
        .hasRootCauseMessage(
            "certificate expired on " + expired.certificate().getNotAfter().toInstant());
    assertThat(outcome.serverReceived()).isZero();
  }

  @Test
  void notYetValidAgentRejected() throws Exception {
    Issued future = agentCertificate(ca).validity(hoursFromNow(24), hoursFromNow(48)).build();
    SSLContext server = LoopbackTls.jdkContext(future, List.of(ca.certificate()));

    Outcome outcome = LoopbackTls.connect(server, coreContext(core), AGENT_HOST);

    assertThat(outcome.clientError())
        .hasRootCauseMessage(
            "certificate is not valid before " + future.certificate().getNotBefore().toInstant());
    assertThat(outcome.serverReceived()).isZero();
  }

  @Test
  void expiredCoreRejected() throws Exception {
    Issued expired = coreCertificate(ca).validity(hoursFromNow(-48), hoursFromNow(-24)).build();
    SSLContext client = LoopbackTls.jdkContext(expired, List.of(ca.certificate()));

    Outcome outcome = LoopbackTls.connect(agentContext(agent), client, AGENT_HOST);

    assertThat(outcome.serverError())
        .hasRootCauseMessage(
            "certificate expired on " + expired.certificate().getNotAfter().toInstant());
    assertThat(outcome.serverReceived()).isZero();
  }

  @Test
  void notYetValidCoreRejected() throws Exception {
    Issued future = coreCertificate(ca).validity(hoursFromNow(24), hoursFromNow(48)).build();
    SSLContext client = LoopbackTls.jdkContext(future, List.of(ca.certificate()));

    Outcome outcome = LoopbackTls.connect(agentContext(agent), client, AGENT_HOST);

    assertThat(outcome.serverError())
        .hasRootCauseMessage(
            "certificate is not valid before " + future.certificate().getNotBefore().toInstant());
    assertThat(outcome.serverReceived()).isZero();
  }

  @Test
  void expiredOwnCertificateFailsAtLoad() {
    Issued expired = agentCertificate(ca).validity(hoursFromNow(-48), hoursFromNow(-24)).build();

    assertThatThrownBy(
            () ->
                ServerTlsMaterial.of(
                    expired.privateKey(),
                    expired.chain(),
                    null,
                    List.of(),
                    ServerSettings.DEFAULTS))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("the certificate expired on");
  }

  @Test
  void keyNotMatchingCertificateFailsAtLoad() {
    Issued other = coreCertificate(ca).build();

    assertThatThrownBy(
            () ->
                ClientTlsMaterial.of(
                    other.privateKey(),
                    core.chain(),
                    List.of(ca.certificate()),
                    ClientSettings.DEFAULTS))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("the private key does not match the first certificate 'CN=core'");
  }

  @Test
  void clientCasWithoutCoreIdentityFail() {
    assertThatThrownBy(
            () ->
                ServerTlsMaterial.of(
                    agent.privateKey(),
                    agent.chain(),
                    List.of(ca.certificate()),
                    List.of(),
                    ServerSettings.DEFAULTS))
        .isInstanceOf(ConfigException.class)
        .extracting(e -> ((ConfigException) e).key())
        .isEqualTo("tls.core_identity");
  }

  @Test
  void checkWithoutConnectionFailsClosed() {
    ClientTlsMaterial material = clientMaterial(core, ClientSettings.DEFAULTS);
    X509Certificate[] chain = agent.chain().toArray(new X509Certificate[0]);

    assertThatThrownBy(() -> material.trustManager().checkServerTrusted(chain, "ECDHE_ECDSA"))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("agent address cannot be checked");
  }

  @Test
  void trustedIssuersAreOnlyTheBundle() {
    ClientTlsMaterial material = clientMaterial(core, ClientSettings.DEFAULTS);

    assertThat(material.trustManager().getAcceptedIssuers()).containsExactly(ca.certificate());
  }

  @Test
  void withoutClientCasNoClientAuth() {
    ServerTlsMaterial material =
        ServerTlsMaterial.of(
            agent.privateKey(), agent.chain(), null, List.of(), ServerSettings.DEFAULTS);

    assertThat(material.clientAuthRequired()).isFalse();
    assertThat(material.trustManager()).isNull();
  }

  @Test
  void toStringShowsNoKey() {
    ClientTlsMaterial material = clientMaterial(core, ClientSettings.DEFAULTS);

    assertThat(material.toString())
        .contains("CN=core")
        .doesNotContain(
            Base64.getEncoder().encodeToString(core.privateKey().getEncoded()).substring(0, 20));
  }

  private static TestPki.Builder agentCertificate(Issued issuer) {
    return TestPki.certificate("agent-1")
        .issuer(issuer)
        .dns("localhost")
        .ip(AGENT_HOST)
        .serverAuth();
  }

  private static TestPki.Builder coreCertificate(Issued issuer) {
    return TestPki.certificate("core").issuer(issuer).uri(CORE.value()).clientAuth();
  }

  private static SSLContext agentContext(Issued identity) {
    return serverMaterial(identity, CORE).sslContext();
  }

  private static ServerTlsMaterial serverMaterial(Issued identity, PeerIdentity coreIdentity) {
    return ServerTlsMaterial.of(
        identity.privateKey(),
        identity.chain(),
        List.of(ca.certificate()),
        List.of(coreIdentity),
        ServerSettings.DEFAULTS);
  }

  private static SSLContext coreContext(Issued identity) {
    return clientMaterial(identity, ClientSettings.DEFAULTS).sslContext();
  }

  private static ClientTlsMaterial clientMaterial(Issued identity, ClientSettings settings) {
    return ClientTlsMaterial.of(
        identity.privateKey(), identity.chain(), List.of(ca.certificate()), settings);
  }

  private static Instant hoursFromNow(long hours) {
    return Instant.now().plus(Duration.ofHours(hours));
  }

  private static void writeTrustStore(Path file, X509Certificate certificate) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("public-ca", certificate);
    try (var out = Files.newOutputStream(file)) {
      store.store(out, "changeit".toCharArray());
    }
  }

  private static X509TrustManager jvmDefaultTrustManager() throws Exception {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init((KeyStore) null);
    return (X509TrustManager) factory.getTrustManagers()[0];
  }
}
