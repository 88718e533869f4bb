package io.agenttransport.config;

import io.agenttransport.api.AgentAddress;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Reads core's configuration from a YAML tree. */
final class CoreConfigReader {
  private CoreConfigReader() {}

  static CoreConfig read(ConfigSection root) {
    root.allowOnly("transport", "tls", "signing", "client", "agents", "options");
    CoreTlsConfig tls = tls(root.section("tls"));
    SigningConfig signing = signing(root.section("signing"));
    if (signing != null && signing.key() == null && tls == null) {
      throw new ConfigException(
          "signing.key",
          "missing: without a tls section there is no tls.client_key to sign with;"
              + " set signing.key to core's PEM signing key");
    }
    return new CoreConfig(
        ConfigLoader.transport(root),
        tls,
        signing,
        client(root.sectionOrEmpty("client")),
        agents(root),
        root.nestedStringMaps("options"));
  }

  private static @Nullable CoreTlsConfig tls(@Nullable ConfigSection tls) {
    if (tls == null) {
      return null;
    }
    tls.allowOnly("ca_bundle", "client_key", "client_cert", "key_password", "key_password_env");
    return new CoreTlsConfig(
        tls.requiredReadableFile("ca_bundle"),
        tls.requiredReadableFile("client_key"),
        tls.readableFile("client_cert"),
        tls.keyPassword());
  }

  private static @Nullable SigningConfig signing(@Nullable ConfigSection signing) {
    if (signing == null) {
      return null;
    }
    signing.allowOnly("key_id", "key", "key_password", "key_password_env");
    return new SigningConfig(
        signing.requiredString("key_id"), signing.readableFile("key"), signing.keyPassword());
  }

  private static ClientSettings client(ConfigSection client) {
    client.allowOnly(
        "connect_timeout",
        "handshake_timeout",
        "call_timeout",
        "connection_mode",
        "burst_idle",
        "pool_idle",
        "session_resumption",
        "max_response_bytes",
        "sign_all_requests",
        "tls_versions");
    ClientSettings defaults = ClientSettings.DEFAULTS;
    List<String> tlsVersions = ConfigLoader.tlsVersions(client);
    return ClientSettings.builder()
        .connectTimeout(client.positiveDuration("connect_timeout", defaults.connectTimeout()))
        .handshakeTimeout(client.positiveDuration("handshake_timeout", defaults.handshakeTimeout()))
        .callTimeout(client.positiveDuration("call_timeout", defaults.callTimeout()))
        .connectionMode(
            client.enumValue("connection_mode", ConnectionMode.class, defaults.connectionMode()))
        .burstIdle(client.duration("burst_idle", defaults.burstIdle()))
        .poolIdle(client.duration("pool_idle", defaults.poolIdle()))
        .sessionResumption(client.bool("session_resumption", defaults.sessionResumption()))
        .maxResponseBytes(
            client.number("max_response_bytes", defaults.maxResponseBytes(), 1, Long.MAX_VALUE))
        .signAllRequests(client.bool("sign_all_requests", defaults.signAllRequests()))
        .tlsVersions(tlsVersions == null ? defaults.tlsVersions() : tlsVersions)
        .build();
  }

  private static List<AgentAddress> agents(ConfigSection root) {
    List<String> uris = root.stringList("agents");
    List<AgentAddress> agents = new ArrayList<>();
    if (uris == null) {
      return agents;
    }
    for (int i = 0; i < uris.size(); i++) {
      try {
        agents.add(AgentAddress.parse(uris.get(i)));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(root.keyOf("agents") + "[" + i + "]", e.getMessage(), e);
      }
    }
    return agents;
  }
}
