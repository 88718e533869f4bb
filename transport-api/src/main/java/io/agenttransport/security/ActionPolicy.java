package io.agenttransport.security;

import io.agenttransport.config.ActionsMode;
import io.agenttransport.config.ConfigException;

/**
 * Whether an agent serves the action operations, decided once at start-up from the configured mode,
 * the TLS setup and the trusted keys.
 *
 * @param enabled whether the action operations are served
 * @param reason one sentence saying why, for the start-up log
 */
record ActionPolicy(boolean enabled, String reason) {

  /**
   * Decides the policy.
   *
   * @throws ConfigException if {@code mode} is {@link ActionsMode#ENABLED} but TLS, client
   *     authentication or trusted keys are missing
   */
  static ActionPolicy decide(
      ActionsMode mode, boolean tls, boolean clientAuthRequired, boolean hasTrustedKeys) {
    switch (mode) {
      case DISABLED:
        return new ActionPolicy(false, "Actions are disabled because actions is set to disabled.");
      case ENABLED:
        requireEnabledPrerequisites(tls, clientAuthRequired, hasTrustedKeys);
        return new ActionPolicy(
            true,
            "Actions are enabled: actions is set to enabled, with TLS client authentication and"
                + " trusted signing keys.");
      case AUTO:
        return decideAutomatically(tls, clientAuthRequired, hasTrustedKeys);
      default:
        throw new IllegalStateException("unhandled actions mode " + mode);
    }
  }

  private static void requireEnabledPrerequisites(
      boolean tls, boolean clientAuthRequired, boolean hasTrustedKeys) {
    if (!tls) {
      throw new ConfigException(
          "tls", "actions is set to enabled but TLS is not configured: add a tls section");
    }
    if (!clientAuthRequired) {
      throw new ConfigException(
          "tls.client_ca_bundle",
          "actions is set to enabled but clients are not authenticated: set"
              + " tls.client_ca_bundle to the CA that signed core's certificate");
    }
    if (!hasTrustedKeys) {
      throw new ConfigException(
          "signature.trusted_keys",
          "actions is set to enabled but no trusted key is configured, so signatures could not be"
              + " verified: add core's key to signature.trusted_keys");
    }
  }

  private static ActionPolicy decideAutomatically(
      boolean tls, boolean clientAuthRequired, boolean hasTrustedKeys) {
    if (!tls) {
      return new ActionPolicy(false, "Actions are disabled because TLS is not configured.");
    }
    if (!clientAuthRequired) {
      return new ActionPolicy(
          false, "Actions are disabled because tls.client_ca_bundle is not set.");
    }
    if (!hasTrustedKeys) {
      return new ActionPolicy(
          false, "Actions are disabled because signature.trusted_keys is empty.");
    }
    return new ActionPolicy(
        true,
        "Actions are enabled because TLS with client authentication and trusted keys are"
            + " configured.");
  }
}
