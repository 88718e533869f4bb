package io.agenttransport.tck;

import static io.agenttransport.tck.pki.CertificateBuilder.certificate;

import io.agenttransport.config.PeerIdentity;
import io.agenttransport.security.signature.SignatureAlgorithm;
import io.agenttransport.tck.pki.ExtendedKeyUsage;
import io.agenttransport.tck.pki.IssuedCertificate;
import io.agenttransport.tck.pki.KeyType;
import io.agenttransport.tck.pki.KeyUsageBit;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

/**
 * The certificates and keys every rule shares, generated once per JVM because key generation is the
 * slowest step of a TCK run.
 *
 * <p>All agents' and core's certificates come from one CA, as in a real deployment. Core is
 * identified by the URI {@link #CORE_URI}. Agent certificates name {@code localhost}, {@code
 * 127.0.0.1} and {@code ::1}, the addresses the TCK binds to.
 */
public final class TckPki {
  /** The identity agents pin as core's. */
  public static final String CORE_URI = "spiffe://tck.invalid/core";

  /** The key id core signs with. */
  public static final String SIGNING_KEY_ID = "tck-core";

  private static final TckPki SHARED = new TckPki();

  private final IssuedCertificate ca;
  private final IssuedCertificate secondCa;
  private final IssuedCertificate unknownCa;
  private final IssuedCertificate core;
  private final IssuedCertificate agent;
  private final KeyPair signingKey;
  private final KeyPair otherSigningKey;

  private TckPki() {
    ca = certificate().subject("CN=TCK CA,O=tck").ca(1).selfSigned();
    secondCa = certificate().subject("CN=TCK second CA,O=tck").ca(1).selfSigned();
    unknownCa = certificate().subject("CN=Unknown CA,O=elsewhere").ca(1).selfSigned();
    core = coreIssuedBy(ca);
    agent = agentIssuedBy(ca);
    signingKey = KeyType.EC_P256.generate();
    otherSigningKey = KeyType.EC_P256.generate();
  }

  /** Returns the certificates shared by every rule in this JVM. */
  public static TckPki shared() {
    return SHARED;
  }

  /** Returns the CA that signed core's and the agents' certificates. */
  public IssuedCertificate ca() {
    return ca;
  }

  /** Returns a second CA that deployments may add to their bundles. */
  public IssuedCertificate secondCa() {
    return secondCa;
  }

  /** Returns a CA that no configuration trusts. */
  public IssuedCertificate unknownCa() {
    return unknownCa;
  }

  /** Returns core's client certificate. */
  public IssuedCertificate core() {
    return core;
  }

  /** Returns the agent's server certificate. */
  public IssuedCertificate agent() {
    return agent;
  }

  /** Returns core's message signing key pair, EC P-256. */
  public KeyPair signingKey() {
    return signingKey;
  }

  /** Returns the algorithm pinned for {@link #signingKey()}. */
  public SignatureAlgorithm signingAlgorithm() {
    return SignatureAlgorithm.ECDSA_P256_SHA256;
  }

  /** Returns a signing key pair that no agent trusts. */
  public KeyPair otherSigningKey() {
    return otherSigningKey;
  }

  /** Returns the identity agents accept as core. */
  public List<PeerIdentity> coreIdentities() {
    return List.of(new PeerIdentity(PeerIdentity.Type.URI, CORE_URI));
  }

  /** Returns core's identity in a client certificate issued by {@code issuer}. */
  public IssuedCertificate coreIssuedBy(IssuedCertificate issuer) {
    return certificate().subject("CN=core,O=tck").uri(CORE_URI).client().issuedBy(issuer);
  }

  /** Returns an agent server certificate for the loopback addresses, issued by {@code issuer}. */
  public IssuedCertificate agentIssuedBy(IssuedCertificate issuer) {
    return certificate()
        .subject("CN=agent-1,O=tck")
        .dns("localhost")
        .ip("127.0.0.1")
        .ip("::1")
        .server()
        .issuedBy(issuer);
  }

  /** Returns core's client certificate, expired one day ago. */
  public IssuedCertificate expiredCore() {
    return certificate()
        .subject("CN=core,O=tck")
        .uri(CORE_URI)
        .client()
        .expired(Duration.ofDays(1))
        .issuedBy(ca);
  }

  /** Returns the agent's server certificate, expired one day ago. */
  public IssuedCertificate expiredAgent() {
    return certificate()
        .subject("CN=agent-1,O=tck")
        .ip("127.0.0.1")
        .dns("localhost")
        .server()
        .expired(Duration.ofDays(1))
        .issuedBy(ca);
  }

  /** Returns core's client certificate, valid only from tomorrow. */
  public IssuedCertificate notYetValidCore() {
    return certificate()
        .subject("CN=core,O=tck")
        .uri(CORE_URI)
        .client()
        .notYetValid(Duration.ofDays(1))
        .issuedBy(ca);
  }

  /** Returns the agent's server certificate, valid only from tomorrow. */
  public IssuedCertificate notYetValidAgent() {
    return certificate()
        .subject("CN=agent-1,O=tck")
        .ip("127.0.0.1")
        .dns("localhost")
        .server()
        .notYetValid(Duration.ofDays(1))
        .issuedBy(ca);
  }

  /**
   * Returns another agent's certificate from the shared CA, usable as client and server, as an
   * attacker who took over that agent holds it.
   */
  public IssuedCertificate otherAgent() {
    return certificate()
        .subject("CN=agent-2,O=tck")
        .dns("agent-2.tck.invalid")
        .ip("192.0.2.8")
        .uri("spiffe://tck.invalid/agent-2")
        .endEntity()
        .keyUsage(EnumSet.of(KeyUsageBit.DIGITAL_SIGNATURE, KeyUsageBit.KEY_ENCIPHERMENT))
        .extendedKeyUsage(EnumSet.of(ExtendedKeyUsage.SERVER_AUTH, ExtendedKeyUsage.CLIENT_AUTH))
        .issuedBy(ca);
  }

  /** Returns a certificate that names core's identity but allows only server authentication. */
  public IssuedCertificate coreWithServerOnlyUsage() {
    return certificate().subject("CN=core,O=tck").uri(CORE_URI).server().issuedBy(ca);
  }

  /** Returns an agent certificate whose only name is {@code 127.0.0.1} in the subject CN. */
  public IssuedCertificate agentNamedOnlyInCommonName() {
    return certificate().subject("CN=127.0.0.1,O=tck").server().issuedBy(ca);
  }

  /** Returns an agent certificate signed by an end-entity certificate of the shared CA. */
  public IssuedCertificate agentIssuedByLeaf() {
    IssuedCertificate leaf = certificate().subject("CN=leaf,O=tck").endEntity().issuedBy(ca);
    return agentIssuedBy(leaf);
  }

  /** Returns an agent certificate whose chain exceeds the path length of its intermediate. */
  public IssuedCertificate agentBeyondPathLength() {
    IssuedCertificate first = certificate().subject("CN=intermediate 1,O=tck").ca(0).issuedBy(ca);
    IssuedCertificate second =
        certificate().subject("CN=intermediate 2,O=tck").ca(0).issuedBy(first);
    return agentIssuedBy(second);
  }

  /** Returns the shared CA alone, as a trust list. */
  public List<X509Certificate> trustedCas() {
    return List.of(ca.certificate());
  }
}
