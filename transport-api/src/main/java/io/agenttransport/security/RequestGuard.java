package io.agenttransport.security;

import io.agenttransport.api.RequestRejectedException;
import io.agenttransport.config.ActionsMode;
import io.agenttransport.config.AgentConfig;
import io.agenttransport.config.ReplaySettings;
import io.agenttransport.security.signature.SignatureAlgorithm;
import io.agenttransport.security.tls.ServerTlsMaterial;
import java.security.PublicKey;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The agent side of the security policy. Providers pass every request through {@link #check} before
 * the agent sees it; the guard verifies the action policy, signatures and replay.
 *
 * <p>Thread safe. One guard belongs to one running agent: its nonce cache and start time are that
 * agent's.
 */
public final class RequestGuard {
  // TODO: implement (security work in progress)

  private RequestGuard() {}

  /**
   * Creates the guard of an agent from its configuration.
   *
   * @throws io.agenttransport.config.ConfigException if actions are enabled without TLS with client
   *     authentication, or a trusted key cannot be read
   */
  public static RequestGuard forAgent(
      AgentConfig config, @Nullable ServerTlsMaterial tls, Clock clock) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Returns a builder for a guard assembled in memory, for tests and embedding. */
  public static Builder builder(Clock clock) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** A builder of {@link RequestGuard}. */
  public static final class Builder {
    private Builder() {}

    /** Sets whether actions are served; default {@link ActionsMode#AUTO}. */
    public Builder actions(ActionsMode mode) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    /** Sets the agent's TLS material, or {@code null} for plain text; default {@code null}. */
    public Builder tls(@Nullable ServerTlsMaterial tls) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    /** Trusts core's key {@code keyId}, pinning {@code algorithm} for it. */
    public Builder trustKey(String keyId, PublicKey key, SignatureAlgorithm algorithm) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    /** Sets the replay window and nonce cache; default {@link ReplaySettings#DEFAULTS}. */
    public Builder replay(ReplaySettings replay) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    /** Sets whether read requests must be signed too; default false. */
    public Builder requireAllSigned(boolean value) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    /** Sets the {@code host:port} values requests may be signed for; default: see config. */
    public Builder authorities(List<String> authorities) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    /**
     * Returns the guard.
     *
     * @throws io.agenttransport.config.ConfigException if actions are enabled without TLS with
     *     client authentication
     */
    public RequestGuard build() {
      throw new UnsupportedOperationException("not implemented yet");
    }
  }

  /** Returns whether the action operations are served. */
  public boolean actionsEnabled() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Returns why actions are enabled or disabled, for the start-up log. */
  public String actionsReason() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * Checks one request against the policy.
   *
   * @throws RequestRejectedException with the reason if the request must not reach the agent
   */
  public void check(InboundRequest request) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
