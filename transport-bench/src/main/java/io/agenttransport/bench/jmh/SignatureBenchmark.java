package io.agenttransport.bench.jmh;

import io.agenttransport.api.AgentOperation;
import io.agenttransport.bench.support.BenchPki;
import io.agenttransport.bench.support.FrameworkSetup;
import io.agenttransport.config.ActionsMode;
import io.agenttransport.config.PeerIdentity;
import io.agenttransport.config.ServerSettings;
import io.agenttransport.json.AgentJson;
import io.agenttransport.security.InboundRequest;
import io.agenttransport.security.OutboundRequest;
import io.agenttransport.security.RequestGuard;
import io.agenttransport.security.signature.RequestSigner;
import io.agenttransport.security.signature.SignatureAlgorithm;
import io.agenttransport.security.tls.ServerTlsMaterial;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signing and verifying one schedule request per algorithm: the framework's {@link RequestSigner}
 * followed by {@link RequestGuard#check}, beside the bare JCA signature and verification of a
 * signature base of similar size. RSA keys are 2048 bits.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SignatureBenchmark {
  private static final String AUTHORITY = "127.0.0.1:8443";
  private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 8443);

  /** The framework's signer and an agent's guard, trusting the signer's key. */
  @State(Scope.Benchmark)
  public static class Framework {
    /** The RFC 9421 algorithm name. */
    @Param({"ed25519", "ecdsa-p256-sha256", "rsa-pss-sha512"})
    public String algorithm;

    RequestSigner signer;
    RequestGuard guard;
    OutboundRequest outbound;
    List<X509Certificate> coreChain;

    /** Creates the key pair, the signer, the guard and the request. */
    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
      SignatureAlgorithm pinned = BenchPki.algorithm(algorithm);
      KeyPair keys = BenchPki.newSigningKeyPair(pinned);
      Clock clock = Clock.systemUTC();
      BenchPki pki = BenchPki.create();
      BenchPki.Identity agent = pki.issueAgent("agent", "127.0.0.1");
      coreChain = pki.issueCore().chain();
      ServerSettings settings = ServerSettings.builder().port(LOCAL.getPort()).build();
      ServerTlsMaterial tls =
          ServerTlsMaterial.of(
              agent.key(),
              agent.chain(),
              List.of(pki.caCertificate()),
              List.of(PeerIdentity.parse("URI:" + BenchPki.CORE_IDENTITY)),
              settings);
      signer = RequestSigner.create(FrameworkSetup.KEY_ID, keys.getPrivate(), clock);
      guard =
          RequestGuard.builder(clock)
              .actions(ActionsMode.ENABLED)
              .tls(tls)
              .trustKey(FrameworkSetup.KEY_ID, keys.getPublic(), pinned)
              .replay(FrameworkSetup.BENCH_REPLAY)
              .authorities(List.of(AUTHORITY))
              .build();
      byte[] body = AgentJson.encode(ScheduleActionBenchmark.newRequest());
      AgentOperation operation = AgentOperation.ACTION_SCHEDULE;
      outbound =
          new OutboundRequest(
              operation, "POST", AUTHORITY, operation.httpPath(), "?", "application/json", body);
    }

    InboundRequest inbound(Map<String, String> signed) {
      Map<String, List<String>> fields = new LinkedHashMap<>();
      fields.put("content-type", List.of("application/json"));
      fields.put("content-length", List.of(Integer.toString(outbound.body().length)));
      signed.forEach((name, value) -> fields.put(name, List.of(value)));
      Map<String, String> derived =
          Map.of(
              "@method", outbound.method(),
              "@authority", outbound.authority(),
              "@path", outbound.path(),
              "@query", outbound.query());
      return new InboundRequest(
          outbound.operation(), true, coreChain, LOCAL, derived, fields, outbound.body());
    }
  }

  /** Bare JCA signature objects for the same algorithm and a signature base of similar size. */
  @State(Scope.Benchmark)
  public static class Jca {
    /** The RFC 9421 algorithm name. */
    @Param({"ed25519", "ecdsa-p256-sha256", "rsa-pss-sha512"})
    public String algorithm;

    Signature signer;
    Signature verifier;
    byte[] signatureBase;

    /** Creates the key pair and the signature objects. */
    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
      SignatureAlgorithm pinned = BenchPki.algorithm(algorithm);
      KeyPair keys = BenchPki.newSigningKeyPair(pinned);
      signer = jcaSignature(pinned);
      signer.initSign(keys.getPrivate());
      verifier = jcaSignature(pinned);
      verifier.initVerify(keys.getPublic());
      signatureBase = sampleSignatureBase().getBytes(StandardCharsets.US_ASCII);
    }
  }

  /** Measures the framework: sign a request, then check it as an agent does. */
  @Benchmark
  public InboundRequest frameworkSignAndVerify(Framework state) {
    InboundRequest inbound = state.inbound(state.signer.sign(state.outbound));
    state.guard.check(inbound);
    return inbound;
  }

  /** Measures the framework's signing alone. */
  @Benchmark
  public Map<String, String> frameworkSign(Framework state) {
    return state.signer.sign(state.outbound);
  }

  /** Measures the bare JCA signature and verification of a signature base. */
  @Benchmark
  public boolean jcaSignAndVerify(Jca state) throws GeneralSecurityException {
    state.signer.update(state.signatureBase);
    byte[] signature = state.signer.sign();
    state.verifier.update(state.signatureBase);
    return state.verifier.verify(signature);
  }

  private static Signature jcaSignature(SignatureAlgorithm algorithm)
      throws GeneralSecurityException {
    return switch (algorithm) {
      case ED25519 -> Signature.getInstance("Ed25519");
      case ECDSA_P256_SHA256 -> Signature.getInstance("SHA256withECDSAinP1363Format");
      case RSA_PSS_SHA512 -> {
        Signature signature = Signature.getInstance("RSASSA-PSS");
        signature.setParameter(
            new PSSParameterSpec("SHA-512", "MGF1", MGF1ParameterSpec.SHA512, 64, 1));
        yield signature;
      }
    };
  }

  /** Returns a signature base shaped like RFC 9421's for a schedule request. */
  private static String sampleSignatureBase() {
    return String.join(
        "\n",
        "\"@method\": POST",
        "\"@authority\": " + AUTHORITY,
        "\"@path\": /api/unstable/action",
        "\"@query\": ?",
        "\"content-type\": application/json",
        "\"content-digest\": sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:",
        "\"@signature-params\": (\"@method\" \"@authority\" \"@path\" \"@query\""
            + " \"content-type\" \"content-digest\");created=1764842130;expires=1764842190"
            + ";nonce=\"b3k2pp5k7z-50gnwp.yemd\";keyid=\"bench-core\";tag=\"agent-transport\"");
  }
}
