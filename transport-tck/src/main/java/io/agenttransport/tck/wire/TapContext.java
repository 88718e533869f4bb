package io.agenttransport.tck.wire;

import io.agenttransport.tck.pki.IssuedCertificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The material a wire hook needs: the agent's certificate for its recorder, core's certificate to
 * resend with, and the CA that signed both.
 *
 * @param agentCertificate what the recorder presents as the agent
 * @param coreCertificate what the hook presents as core when it resends
 * @param trustedCas the CAs that signed core's and the agents' certificates
 * @param redirectTo if set, the recorder answers every request with a redirect to this URL
 * @param timeout the longest one exchange may take
 */
public record TapContext(
    IssuedCertificate agentCertificate,
    IssuedCertificate coreCertificate,
    List<X509Certificate> trustedCas,
    @Nullable String redirectTo,
    Duration timeout) {
  /** Validates the components. */
  public TapContext {
    Objects.requireNonNull(agentCertificate, "agentCertificate");
    Objects.requireNonNull(coreCertificate, "coreCertificate");
    trustedCas = List.copyOf(trustedCas);
    Objects.requireNonNull(timeout, "timeout");
  }

  /** Returns a copy whose recorder redirects every request to {@code url}. */
  public TapContext redirectingTo(String url) {
    return new TapContext(agentCertificate, coreCertificate, trustedCas, url, timeout);
  }
}
