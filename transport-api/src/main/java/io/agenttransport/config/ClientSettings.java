package io.agenttransport.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Core's transport settings that every provider honours.
 *
 * @param connectTimeout the longest a TCP connect may take
 * @param handshakeTimeout the longest a TLS handshake may take
 * @param callTimeout the longest a whole call may take; a shorter per-call deadline wins
 * @param connectionMode how connections are kept between calls
 * @param burstIdle in {@link ConnectionMode#BURST}, how long an idle connection is kept
 * @param poolIdle in {@link ConnectionMode#POOLED}, how long an idle connection is kept
 * @param sessionResumption whether TLS sessions are resumed on new connections
 * @param maxResponseBytes the largest response body accepted
 * @param signAllRequests whether read requests are signed as well as state-changing ones
 * @param tlsVersions the TLS protocol versions offered, such as {@code TLSv1.3}
 */
public record ClientSettings(
    Duration connectTimeout,
    Duration handshakeTimeout,
    Duration callTimeout,
    ConnectionMode connectionMode,
    Duration burstIdle,
    Duration poolIdle,
    boolean sessionResumption,
    long maxResponseBytes,
    boolean signAllRequests,
    List<String> tlsVersions) {
  /** The defaults: see each {@link Builder} method. */
  public static final ClientSettings DEFAULTS = builder().build();

  /** Validates the components. */
  public ClientSettings {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
    Objects.requireNonNull(callTimeout, "callTimeout");
    Objects.requireNonNull(connectionMode, "connectionMode");
    Objects.requireNonNull(burstIdle, "burstIdle");
    Objects.requireNonNull(poolIdle, "poolIdle");
    tlsVersions = List.copyOf(tlsVersions);
  }

  /** Returns a builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding these settings. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.connectTimeout = connectTimeout;
    builder.handshakeTimeout = handshakeTimeout;
    builder.callTimeout = callTimeout;
    builder.connectionMode = connectionMode;
    builder.burstIdle = burstIdle;
    builder.poolIdle = poolIdle;
    builder.sessionResumption = sessionResumption;
    builder.maxResponseBytes = maxResponseBytes;
    builder.signAllRequests = signAllRequests;
    builder.tlsVersions = tlsVersions;
    return builder;
  }

  /** A builder of {@link ClientSettings}. */
  public static final class Builder {
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration handshakeTimeout = Duration.ofSeconds(5);
    private Duration callTimeout = Duration.ofSeconds(30);
    private ConnectionMode connectionMode = ConnectionMode.BURST;
    private Duration burstIdle = Duration.ofMillis(500);
    private Duration poolIdle = Duration.ofMinutes(5);
    private boolean sessionResumption = true;
    private long maxResponseBytes = 4L * 1024 * 1024;
    private boolean signAllRequests = false;
    private List<String> tlsVersions = List.of("TLSv1.3");

    private Builder() {}

    /** Sets the TCP connect timeout; default 5 s. */
    public Builder connectTimeout(Duration value) {
      connectTimeout = value;
      return this;
    }

    /** Sets the TLS handshake timeout; default 5 s. */
    public Builder handshakeTimeout(Duration value) {
      handshakeTimeout = value;
      return this;
    }

    /** Sets the whole-call timeout; default 30 s. */
    public Builder callTimeout(Duration value) {
      callTimeout = value;
      return this;
    }

    /** Sets the connection mode; default {@link ConnectionMode#BURST}. */
    public Builder connectionMode(ConnectionMode value) {
      connectionMode = value;
      return this;
    }

    /** Sets how long an idle connection is kept in burst mode; default 500 ms. */
    public Builder burstIdle(Duration value) {
      burstIdle = value;
      return this;
    }

    /** Sets how long an idle connection is kept in pooled mode; default 5 min. */
    public Builder poolIdle(Duration value) {
      poolIdle = value;
      return this;
    }

    /** Sets whether TLS sessions are resumed; default true. */
    public Builder sessionResumption(boolean value) {
      sessionResumption = value;
      return this;
    }

    /** Sets the largest response body in bytes; default 4 MiB. */
    public Builder maxResponseBytes(long value) {
      maxResponseBytes = value;
      return this;
    }

    /** Sets whether read requests are signed too; default false. */
    public Builder signAllRequests(boolean value) {
      signAllRequests = value;
      return this;
    }

    /** Sets the TLS versions offered; default TLS 1.3 only. */
    public Builder tlsVersions(List<String> value) {
      tlsVersions = value;
      return this;
    }

    /** Returns the settings. */
    public ClientSettings build() {
      return new ClientSettings(
          connectTimeout,
          handshakeTimeout,
          callTimeout,
          connectionMode,
          burstIdle,
          poolIdle,
          sessionResumption,
          maxResponseBytes,
          signAllRequests,
          tlsVersions);
    }
  }
}
