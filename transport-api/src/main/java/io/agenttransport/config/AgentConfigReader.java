package io.agenttransport.config;

import io.agenttransport.security.signature.SignatureAlgorithm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Reads an agent's configuration from a YAML tree. */
final class AgentConfigReader {
  private AgentConfigReader() {}

  static AgentConfig read(ConfigSection root) {
    root.allowOnly("transport", "server", "tls", "actions", "signature", "options");
    return new AgentConfig(
        ConfigLoader.transport(root),
        server(root.sectionOrEmpty("server")),
        tls(root.section("tls")),
        root.enumValue("actions", ActionsMode.class, ActionsMode.AUTO),
        signature(root.sectionOrEmpty("signature")),
        root.nestedStringMaps("options"));
  }

  private static ServerSettings server(ConfigSection server) {
    server.allowOnly(
        "bind",
        "port",
        "handshake_timeout",
        "header_timeout",
        "idle_timeout",
        "max_connections",
        "max_request_bytes",
        "tls_versions");
    ServerSettings defaults = ServerSettings.DEFAULTS;
    List<String> tlsVersions = ConfigLoader.tlsVersions(server);
    return ServerSettings.builder()
        .bindHost(server.string("bind", defaults.bindHost()))
        .port((int) server.number("port", defaults.port(), 0, 65535))
        .handshakeTimeout(server.positiveDuration("handshake_timeout", defaults.handshakeTimeout()))
        .headerTimeout(server.positiveDuration("header_timeout", defaults.headerTimeout()))
        .idleTimeout(server.positiveDuration("idle_timeout", defaults.idleTimeout()))
        .maxConnections(
            (int) server.number("max_connections", defaults.maxConnections(), 1, Integer.MAX_VALUE))
        .maxRequestBytes(
            server.number("max_request_bytes", defaults.maxRequestBytes(), 1, Long.MAX_VALUE))
        .tlsVersions(tlsVersions == null ? defaults.tlsVersions() : tlsVersions)
        .build();
  }

  private static @Nullable AgentTlsConfig tls(@Nullable ConfigSection tls) {
    if (tls == null) {
      return null;
    }
    tls.allowOnly(
        "cert", "key", "key_password", "key_password_env", "client_ca_bundle", "core_identity");
    AgentTlsConfig config =
        new AgentTlsConfig(
            tls.readableFile("cert"),
            tls.requiredReadableFile("key"),
            tls.keyPassword(),
            tls.readableFile("client_ca_bundle"),
            coreIdentities(tls));
    if (config.clientAuthRequired() && config.coreIdentities().isEmpty()) {
      throw new ConfigException(
          tls.keyOf("core_identity"),
          "missing: required with client_ca_bundle, because any certificate from that CA would"
              + " otherwise be accepted as core; expected URI:..., DNS:... or CN:...");
    }
    if (!config.clientAuthRequired() && !config.coreIdentities().isEmpty()) {
      throw new ConfigException(
          tls.keyOf("core_identity"),
          "set without client_ca_bundle, so no client certificate would be checked against it;"
              + " set client_ca_bundle too or remove core_identity");
    }
    return config;
  }

  private static List<PeerIdentity> coreIdentities(ConfigSection tls) {
    List<String> texts = tls.stringList("core_identity");
    List<PeerIdentity> identities = new ArrayList<>();
    if (texts == null) {
      return identities;
    }
    for (String text : texts) {
      try {
        identities.add(PeerIdentity.parse(text));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(tls.keyOf("core_identity"), e.getMessage(), e);
      }
    }
    return identities;
  }

  private static SignatureSettings signature(ConfigSection signature) {
    signature.allowOnly(
        "trusted_keys",
        "max_age",
        "clock_skew",
        "max_validity",
        "nonce_cache_size",
        "require_all_signed",
        "authorities");
    ReplaySettings defaults = ReplaySettings.DEFAULTS;
    ReplaySettings replay =
        new ReplaySettings(
            signature.positiveDuration("max_age", defaults.maxAge()),
            signature.duration("clock_skew", defaults.clockSkew()),
            signature.positiveDuration("max_validity", defaults.maxValidity()),
            (int)
                signature.number(
                    "nonce_cache_size", defaults.nonceCacheSize(), 1, Integer.MAX_VALUE));
    List<TrustedKeyConfig> keys = new ArrayList<>();
    signature.sectionList("trusted_keys").forEach(entry -> keys.add(trustedKey(entry)));
    return new SignatureSettings(
        keys, replay, signature.bool("require_all_signed", false), authorities(signature));
  }

  private static TrustedKeyConfig trustedKey(ConfigSection entry) {
    entry.allowOnly("key_id", "certificate", "public_key", "algorithm");
    if (entry.has("certificate") == entry.has("public_key")) {
      throw new ConfigException(
          entry.keyOf("certificate"),
          "set exactly one of certificate and public_key, the PEM file of core's signing key");
    }
    String pathKey = entry.has("certificate") ? "certificate" : "public_key";
    return new TrustedKeyConfig(
        entry.requiredString("key_id"), entry.requiredReadableFile(pathKey), algorithm(entry));
  }

  private static @Nullable String algorithm(ConfigSection entry) {
    String name = entry.string("algorithm");
    if (name == null) {
      return null;
    }
    boolean known =
        Arrays.stream(SignatureAlgorithm.values()).anyMatch(a -> a.rfcName().equals(name));
    if (!known) {
      String names =
          Arrays.stream(SignatureAlgorithm.values())
              .map(SignatureAlgorithm::rfcName)
              .collect(Collectors.joining(", "));
      throw entry.invalid("algorithm", name, "one of " + names, null);
    }
    return name;
  }

  private static List<String> authorities(ConfigSection signature) {
    List<String> authorities = signature.stringList("authorities");
    if (authorities == null) {
      return List.of();
    }
    for (int i = 0; i < authorities.size(); i++) {
      String authority = authorities.get(i);
      if (!isAuthority(authority)) {
        throw new ConfigException(
            signature.keyOf("authorities") + "[" + i + "]",
            "invalid value '"
                + authority
                + "': expected host:port, such as db-1.internal:8443 or [::1]:8443");
      }
    }
    return authorities;
  }

  private static boolean isAuthority(String text) {
    try {
      java.net.URI uri = new java.net.URI("https://" + text);
      return uri.getHost() != null
          && uri.getPort() > 0
          && uri.getPort() <= 65535
          && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
          && uri.getRawUserInfo() == null
          && uri.getRawQuery() == null
          && uri.getRawFragment() == null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }
}
