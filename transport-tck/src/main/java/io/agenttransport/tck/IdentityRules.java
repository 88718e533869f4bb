package io.agenttransport.tck;

import static io.agenttransport.tck.internal.Rules.assertFailureType;
import static io.agenttransport.tck.internal.Rules.assertNothingStored;
import static io.agenttransport.tck.internal.Rules.successAction;
import static io.agenttransport.tck.pki.CertificateBuilder.certificate;
import static org.assertj.core.api.Assertions.assertThat;

import io.agenttransport.api.AgentChannel;
import io.agenttransport.api.AgentErrorException;
import io.agenttransport.api.AgentUnreachableException;
import io.agenttransport.api.AuthenticationFailedException;
import io.agenttransport.api.ProtocolException;
import io.agenttransport.api.TransportException;
import io.agenttransport.model.ActionScheduleResponse;
import io.agenttransport.spi.TransportCapability;
import io.agenttransport.tck.internal.TlsProbe;
import io.agenttransport.tck.internal.TlsProbe.HelloAnswer;
import io.agenttransport.tck.internal.TlsStub;
import io.agenttransport.tck.pki.IssuedCertificate;
import io.agenttransport.tck.pki.SslContexts;
import io.agenttransport.tck.wire.Recorder;
import io.agenttransport.tck.wire.WireTap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Security rules A1 to A16, F51 and F52: identity on the channel. Core accepts only agents whose
 * certificate comes from its CA bundle and names the agent address. Agents accept only core's
 * pinned identity. Both reject old protocols and weak ciphers.
 *
 * <p>When an agent rejects core's certificate in TLS 1.3, core learns of it only after its side of
 * the handshake completes, often as a reset connection; so rules where the agent rejects core
 * accept {@link AuthenticationFailedException} or {@link AgentUnreachableException}. Rules where
 * core rejects the agent require {@link AuthenticationFailedException}.
 */
public interface IdentityRules extends TckSubject {
  /** How long a probe waits for the agent to reject a completed handshake. */
  Duration SETTLE = Duration.ofMillis(500);

  /**
   * A1: valid certificates on both sides are accepted and an action runs. A failure means the
   * secure path itself is broken: check the TLS material the provider passes to its client and
   * server, and that the agent certificate's SAN 127.0.0.1 is matched.
   */
  @Test
  default void required_sec_A1_validIdentitiesAccepted(Tck tck) {
    RunningAgent agent = tck.startAgent();

    ActionScheduleResponse response =
        tck.await(tck.client().open(agent).scheduleAction(successAction()));

    assertThat(response.id()).as("scheduled action id").isNotNull();
    assertThat(agent.storedActions()).as("actions stored by the agent").hasSize(1);
  }

  /**
   * A2: a client without a certificate fails the handshake. A failure means the agent requests
   * client certificates ("want") instead of requiring them ("need"): use {@code
   * ServerTlsMaterial.clientAuthRequired()}.
   */
  @Test
  default void required_sec_A2_missingClientCertificateRejected(Tck tck) throws IOException {
    RunningAgent agent = tck.startAgent();
    String[] protocols = {"TLSv1.3"};

    boolean withCertificate =
        TlsProbe.handshakeAccepted(
            agent.address(),
            SslContexts.of(tck.pki().core(), tck.pki().trustedCas()),
            protocols,
            SETTLE);
    boolean withoutCertificate =
        TlsProbe.handshakeAccepted(
            agent.address(), SslContexts.of(null, tck.pki().trustedCas()), protocols, SETTLE);

    assertThat(withCertificate).as("handshake with core's certificate (control)").isTrue();
    assertThat(withoutCertificate)
        .as("handshake without a client certificate: is client authentication required?")
        .isFalse();
  }

  /** A3: a client certificate from an unknown CA is rejected and nothing runs. */
  @Test
  default void required_sec_A3_clientFromUnknownCaRejected(Tck tck) {
    assertAgentRejectsCore(
        tck,
        tck.pki().coreIssuedBy(tck.pki().unknownCa()),
        "client certificate from an unknown CA");
  }

  /**
   * A4: another agent's certificate from the shared CA is not accepted as core. A failure means the
   * agent trusts every certificate of the CA instead of pinning core's identity: use the trust
   * manager of {@code ServerTlsMaterial}.
   */
  @Test
  default void required_sec_A4_otherAgentAsCoreRejected(Tck tck) {
    assertAgentRejectsCore(
        tck, tck.pki().otherAgent(), "another agent's certificate used as core's");
  }

  /** A5: a certificate with core's identity but only server-authentication usage is rejected. */
  @Test
  default void required_sec_A5_serverOnlyUsageAsClientRejected(Tck tck) {
    assertAgentRejectsCore(
        tck,
        tck.pki().coreWithServerOnlyUsage(),
        "client certificate whose EKU allows only serverAuth");
  }

  /**
   * A6: an agent certificate from an unknown CA makes core abort. A failure means core's client
   * does not use the trust manager of {@code ClientTlsMaterial}.
   */
  @Test
  default void required_sec_A6_agentFromUnknownCaRejected(Tck tck) {
    assertCoreRejectsAgent(
        tck,
        tck.pki().agentIssuedBy(tck.pki().unknownCa()),
        "agent certificate from an unknown CA");
  }

  /**
   * A7: an agent certificate whose SAN does not name the agent address is rejected. A failure means
   * the address check is skipped: the provider must pass the agent address to the TLS engine (peer
   * host and port) so that the framework's trust manager can check it.
   */
  @Test
  default void required_sec_A7_agentNameMismatchRejected(Tck tck) {
    IssuedCertificate wrongName =
        certificate()
            .subject("CN=agent-1,O=tck")
            .dns("wrong.tck.invalid")
            .server()
            .issuedBy(tck.pki().ca());
    assertCoreRejectsAgent(tck, wrongName, "agent certificate that names another host");
  }

  /** A8: another agent's valid certificate served at this agent's address is rejected. */
  @Test
  default void required_sec_A8_otherAgentsCertificateRejected(Tck tck) {
    assertCoreRejectsAgent(
        tck, tck.pki().otherAgent(), "another agent's certificate at this address");
  }

  /** A9: an agent certificate naming the address only in the subject CN is rejected. */
  @Test
  default void required_sec_A9_nameOnlyInCommonNameRejected(Tck tck) {
    assertCoreRejectsAgent(
        tck,
        tck.pki().agentNamedOnlyInCommonName(),
        "agent certificate with the name only in the CN");
  }

  /**
   * A10: a chain that is valid only through a CA of the JVM's default trust store is rejected. The
   * rule points {@code javax.net.ssl.trustStore} at a store holding an otherwise unknown CA while
   * it runs. A failure means core's client builds its trust from the JVM defaults.
   */
  @Test
  default void required_sec_A10_jvmDefaultTrustNotUsed(Tck tck) throws Exception {
    IssuedCertificate publicCa = tck.pki().unknownCa();
    Path store = tck.tempDir().resolve("default-trust.p12");
    writeTrustStore(store, publicCa);
    String previousStore = System.getProperty("javax.net.ssl.trustStore");
    String previousPassword = System.getProperty("javax.net.ssl.trustStorePassword");
    System.setProperty("javax.net.ssl.trustStore", store.toString());
    System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
    try {
      assertCoreRejectsAgent(
          tck,
          tck.pki().agentIssuedBy(publicCa),
          "agent certificate trusted only by the JVM default store");
    } finally {
      restore("javax.net.ssl.trustStore", previousStore);
      restore("javax.net.ssl.trustStorePassword", previousPassword);
    }
  }

  private static void writeTrustStore(Path file, IssuedCertificate ca)
      throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("public-ca", ca.certificate());
    try (var out = Files.newOutputStream(file)) {
      store.store(out, "changeit".toCharArray());
    }
  }

  private static void restore(String property, String value) {
    if (value == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, value);
    }
  }

  /**
   * A11: with two CAs in the bundle, agents from both are accepted and a third CA's agent is
   * rejected. A failure means only the first certificate of a bundle is used.
   */
  @Test
  default void required_sec_A11_caBundleWithTwoCas(Tck tck) {
    TckPki pki = tck.pki();
    List<java.security.cert.X509Certificate> bundle =
        List.of(pki.ca().certificate(), pki.secondCa().certificate());
    RunningAgent first = tck.startAgent();
    RunningAgent second = tck.agent().certificate(pki.agentIssuedBy(pki.secondCa())).start();
    RunningAgent third = tck.agent().certificate(pki.agentIssuedBy(pki.unknownCa())).start();

    tck.await(tck.client().trustedCas(bundle).open(first).nodeInfo());
    tck.await(tck.client().trustedCas(bundle).open(second).nodeInfo());
    TransportException failure =
        tck.awaitFailure(
            tck.client().trustedCas(bundle).open(third).nodeInfo(),
            "core accepted an agent from a CA outside its two-CA bundle");

    assertFailureType(
        failure, "agent from a CA outside a two-CA bundle", AuthenticationFailedException.class);
  }

  /** A12: a leaf used as issuer, or a chain beyond its path length, is rejected. */
  @Test
  default void required_sec_A12_invalidChainRejected(Tck tck) {
    assertCoreRejectsAgent(
        tck, tck.pki().agentIssuedByLeaf(), "agent certificate issued by a leaf");
    assertCoreRejectsAgent(
        tck, tck.pki().agentBeyondPathLength(), "agent chain longer than its path length allows");
  }

  /**
   * A13: a ClientHello offering only TLS 1.0 or 1.1 gets no ServerHello. A failure means the agent
   * enables old protocols: use {@code ServerTlsMaterial.protocols()}.
   */
  @Test
  default void required_sec_A13_oldTlsVersionsRejected(Tck tck) throws IOException {
    RunningAgent agent = tck.startAgent();
    int[] suites = {TlsProbe.ECDHE_ECDSA_AES_128_CBC_SHA, TlsProbe.ECDHE_RSA_AES_128_CBC_SHA};

    HelloAnswer tls10 = TlsProbe.hello(agent.address(), TlsProbe.TLS_1_0, suites, tck.timeout());
    HelloAnswer tls11 = TlsProbe.hello(agent.address(), TlsProbe.TLS_1_1, suites, tck.timeout());

    assertThat(tls10).as("answer to a TLS 1.0 ClientHello").isNotEqualTo(HelloAnswer.SERVER_HELLO);
    assertThat(tls11).as("answer to a TLS 1.1 ClientHello").isNotEqualTo(HelloAnswer.SERVER_HELLO);
  }

  /**
   * A14: a TLS 1.2 ClientHello offering only CBC and static-RSA suites gets no ServerHello, also
   * when TLS 1.2 is enabled. A failure means the agent enables weak suites: use {@code
   * ServerTlsMaterial.cipherSuites()}.
   */
  @Test
  default void required_sec_A14_weakCipherSuitesRejected(Tck tck) throws IOException {
    boolean tls12 = capabilities().contains(TransportCapability.TLS_1_2);
    RunningAgent agent =
        tck.agent().settings(s -> tls12 ? s.tlsVersions(List.of("TLSv1.3", "TLSv1.2")) : s).start();
    int[] weak = {
      TlsProbe.RSA_AES_128_CBC_SHA,
      TlsProbe.ECDHE_ECDSA_AES_128_CBC_SHA,
      TlsProbe.ECDHE_RSA_AES_128_CBC_SHA
    };

    HelloAnswer answer = TlsProbe.hello(agent.address(), TlsProbe.TLS_1_2, weak, tck.timeout());

    assertThat(answer)
        .as("answer to a ClientHello with only weak suites")
        .isNotEqualTo(HelloAnswer.SERVER_HELLO);
  }

  /**
   * A15: client-initiated renegotiation on TLS 1.2 is refused. Needs the optional capability {@code
   * TLS_1_2}. A failure means the agent's TLS engine allows renegotiation.
   */
  @Test
  default void optional_sec_A15_renegotiationRefused(Tck tck) throws IOException {
    tck.requireCapability(TransportCapability.TLS_1_2);
    RunningAgent agent =
        tck.agent().settings(s -> s.tlsVersions(List.of("TLSv1.3", "TLSv1.2"))).start();

    boolean renegotiated =
        TlsProbe.renegotiationAccepted(
            agent.address(),
            SslContexts.of(tck.pki().core(), tck.pki().trustedCas()),
            tck.timeout());

    assertThat(renegotiated).as("client-initiated renegotiation accepted").isFalse();
  }

  /**
   * A16: an agent responding with a redirect to another host is not followed; the other host
   * receives nothing. Needs a wire hook that can respond with redirects. A failure means core's
   * client follows redirects: turn that off.
   */
  @Test
  default void required_sec_A16_redirectNotFollowed(Tck tck) {
    WireTap tap = tck.requireWireTap();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        tap.supportsRedirects(), "the transport has no redirects, so nothing can be followed");
    Recorder elsewhere = tck.startRecorder(tap);
    String url = secureScheme() + "://" + elsewhere.address().authority() + "/api/unstable/action";
    Recorder redirecting = tck.track(tap.startRecorder(tck.tapContext().redirectingTo(url)));

    TransportException failure =
        tck.awaitFailure(
            tck.client().open(redirecting.address()).scheduleAction(successAction()),
            "no failure for the answer that redirects to another host");

    assertFailureType(
        failure,
        "answer that redirects to another host",
        AgentErrorException.class,
        ProtocolException.class);
    assertThat(elsewhere.requestCount()).as("requests that reached the redirect target").isZero();
  }

  /**
   * F51: an expired agent certificate and an expired core certificate are both rejected. The agent
   * side is a TLS stub, because the framework refuses to load an expired certificate for a server.
   */
  @Test
  default void required_sec_F51_expiredCertificatesRejected(Tck tck) {
    assertCoreRejectsStub(tck, tck.pki().expiredAgent(), "expired agent certificate");
    assertAgentRejectsCore(tck, tck.pki().expiredCore(), "expired core certificate");
  }

  /** F52: not-yet-valid agent and core certificates are both rejected. */
  @Test
  default void required_sec_F52_notYetValidCertificatesRejected(Tck tck) {
    assertCoreRejectsStub(
        tck, tck.pki().notYetValidAgent(), "agent certificate valid only from tomorrow");
    assertAgentRejectsCore(
        tck, tck.pki().notYetValidCore(), "core certificate valid only from tomorrow");
  }

  /**
   * Starts a TLS stub presenting {@code agentCertificate} and asserts that core fails the call with
   * {@link AuthenticationFailedException} before sending any request bytes.
   */
  private void assertCoreRejectsStub(Tck tck, IssuedCertificate agentCertificate, String fault) {
    TlsStub stub = tck.track(TlsStub.start(agentCertificate, tck.pki().trustedCas()));
    AgentChannel channel = tck.client().open(stub.address(secureScheme()));

    TransportException failure =
        tck.awaitFailure(channel.scheduleAction(successAction()), "core accepted an " + fault);

    assertFailureType(failure, "core accepted an " + fault, AuthenticationFailedException.class);
    assertThat(stub.applicationBytes()).as("request bytes core sent to an " + fault).isZero();
  }

  /** Starts an agent with {@code certificate} and asserts that core refuses to talk to it. */
  private void assertCoreRejectsAgent(Tck tck, IssuedCertificate agentCertificate, String fault) {
    RunningAgent agent = tck.agent().certificate(agentCertificate).start();
    AgentChannel channel = tck.client().open(agent);

    TransportException failure =
        tck.awaitFailure(channel.scheduleAction(successAction()), "core accepted an " + fault);

    assertFailureType(failure, "core accepted an " + fault, AuthenticationFailedException.class);
    assertNothingStored(agent, fault);
  }

  /**
   * Asserts that a secure agent completes a handshake with core's certificate but not with {@code
   * coreCertificate}. The TCK's own TLS client is used, so that the rule tests the agent alone.
   */
  private void assertAgentRejectsCore(Tck tck, IssuedCertificate coreCertificate, String fault) {
    RunningAgent agent = tck.startAgent();

    boolean control = probe(agent, tck.pki().core(), tck);
    boolean accepted = probe(agent, coreCertificate, tck);

    assertThat(control).as("handshake with core's valid certificate (control)").isTrue();
    assertThat(accepted)
        .as(
            "agent accepted a %s: its server must use the trust manager of ServerTlsMaterial",
            fault)
        .isFalse();
  }

  private static boolean probe(RunningAgent agent, IssuedCertificate client, Tck tck) {
    try {
      return TlsProbe.handshakeAccepted(
          agent.address(),
          SslContexts.of(client, tck.pki().trustedCas()),
          new String[] {"TLSv1.3"},
          SETTLE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot connect to the agent at " + agent.address(), e);
    }
  }
}
