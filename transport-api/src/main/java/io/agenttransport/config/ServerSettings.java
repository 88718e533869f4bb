package io.agenttransport.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An agent server's settings that every provider honours.
 *
 * @param bindHost the host or IP to bind, such as {@code 127.0.0.1}
 * @param port the TCP port; 0 picks a free one
 * @param handshakeTimeout the longest a TLS handshake may take before the connection is closed
 * @param headerTimeout the longest a client may take to send the request line and headers
 * @param idleTimeout how long an idle connection is kept
 * @param maxConnections the most connections open at once; new ones beyond it are refused
 * @param maxRequestBytes the largest request body accepted, enforced before buffering
 * @param tlsVersions the TLS protocol versions accepted, such as {@code TLSv1.3}
 */
public record ServerSettings(
    String bindHost,
    int port,
    Duration handshakeTimeout,
    Duration headerTimeout,
    Duration idleTimeout,
    int maxConnections,
    long maxRequestBytes,
    List<String> tlsVersions) {
  /** The defaults: see each {@link Builder} method. */
  public static final ServerSettings DEFAULTS = builder().build();

  /** Validates the components. */
  public ServerSettings {
    Objects.requireNonNull(bindHost, "bindHost");
    Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
    Objects.requireNonNull(headerTimeout, "headerTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    tlsVersions = List.copyOf(tlsVersions);
  }

  /** Returns a builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding these settings. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.bindHost = bindHost;
    builder.port = port;
    builder.handshakeTimeout = handshakeTimeout;
    builder.headerTimeout = headerTimeout;
    builder.idleTimeout = idleTimeout;
    builder.maxConnections = maxConnections;
    builder.maxRequestBytes = maxRequestBytes;
    builder.tlsVersions = tlsVersions;
    return builder;
  }

  /** A builder of {@link ServerSettings}. */
  public static final class Builder {
    private String bindHost = "127.0.0.1";
    private int port = 0;
    private Duration handshakeTimeout = Duration.ofSeconds(10);
    private Duration headerTimeout = Duration.ofSeconds(10);
    private Duration idleTimeout = Duration.ofSeconds(30);
    private int maxConnections = 512;
    private long maxRequestBytes = 1024 * 1024;
    private List<String> tlsVersions = List.of("TLSv1.3");

    private Builder() {}

    /** Sets the bind host; default {@code 127.0.0.1}. */
    public Builder bindHost(String value) {
      bindHost = value;
      return this;
    }

    /** Sets the port; default 0, a free port. */
    public Builder port(int value) {
      port = value;
      return this;
    }

    /** Sets the TLS handshake timeout; default 10 s. */
    public Builder handshakeTimeout(Duration value) {
      handshakeTimeout = value;
      return this;
    }

    /** Sets the request header timeout; default 10 s. */
    public Builder headerTimeout(Duration value) {
      headerTimeout = value;
      return this;
    }

    /** Sets the idle connection timeout; default 30 s. */
    public Builder idleTimeout(Duration value) {
      idleTimeout = value;
      return this;
    }

    /** Sets the most connections open at once; default 512. */
    public Builder maxConnections(int value) {
      maxConnections = value;
      return this;
    }

    /** Sets the largest request body in bytes; default 1 MiB. */
    public Builder maxRequestBytes(long value) {
      maxRequestBytes = value;
      return this;
    }

    /** Sets the TLS versions accepted; default TLS 1.3 only. */
    public Builder tlsVersions(List<String> value) {
      tlsVersions = value;
      return this;
    }

    /** Returns the settings. */
    public ServerSettings build() {
      return new ServerSettings(
          bindHost,
          port,
          handshakeTimeout,
          headerTimeout,
          idleTimeout,
          maxConnections,
          maxRequestBytes,
          tlsVersions);
    }
  }
}
