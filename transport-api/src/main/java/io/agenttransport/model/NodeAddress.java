package io.agenttransport.model;

import java.util.Map;
import java.util.Objects;

/**
 * The network addresses of a datastore node.
 *
 * @param client the address clients connect to
 * @param member the address other cluster members connect to
 * @param extra any further named addresses, in the same JSON object as {@code client}
 */
public record NodeAddress(String client, String member, Map<String, String> extra) {
  /** Validates the components and copies {@code extra}. */
  public NodeAddress {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(member, "member");
    extra = Maps.copyOrdered(extra, "extra");
  }
}
