package io.agenttransport.security;

import io.agenttransport.api.AgentOperation;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link InboundRequest} an agent would see for an {@link OutboundRequest} and its
 * signature fields, and lets a test change any part of it before the guard checks it.
 */
final class InboundBuilder {
  private final AgentOperation operation;
  private boolean tls = true;
  private List<X509Certificate> peerCertificates;
  private final InetSocketAddress localAddress;
  private final Map<String, String> derived = new LinkedHashMap<>();
  private final Map<String, List<String>> fields = new LinkedHashMap<>();
  private byte[] body;

  private InboundBuilder(
      OutboundRequest request, X509Certificate peer, InetSocketAddress localAddress) {
    this.operation = request.operation();
    this.peerCertificates = List.of(peer);
    this.localAddress = localAddress;
    derived.put("@method", request.method());
    derived.put("@authority", request.authority());
    derived.put("@path", request.path());
    derived.put("@query", request.query());
    if (request.contentType() != null) {
      field("content-type", request.contentType());
    }
    this.body = request.body();
  }

  static InboundBuilder of(
      OutboundRequest request,
      Map<String, String> signatureFields,
      X509Certificate peer,
      InetSocketAddress localAddress) {
    InboundBuilder builder = new InboundBuilder(request, peer, localAddress);
    signatureFields.forEach(builder::field);
    return builder;
  }

  static InboundBuilder unsigned(
      OutboundRequest request, X509Certificate peer, InetSocketAddress localAddress) {
    return new InboundBuilder(request, peer, localAddress);
  }

  InboundBuilder derived(String name, String value) {
    derived.put(name, value);
    return this;
  }

  InboundBuilder field(String name, String... values) {
    fields.put(name, List.of(values));
    return this;
  }

  InboundBuilder body(byte[] body) {
    this.body = body.clone();
    return this;
  }

  InboundBuilder plainText() {
    tls = false;
    peerCertificates = List.of();
    return this;
  }

  /**
   * Signs the request with JDK's Ed25519 over a base this method writes by hand, replacing any
   * signature fields; {@code params} is the text after the inner list, such as {@code
   * ;created=1;keyid="k"}.
   */
  InboundBuilder signManually(List<String> components, String params, PrivateKey key)
      throws Exception {
    StringBuilder list = new StringBuilder("(");
    StringBuilder base = new StringBuilder();
    for (String component : components) {
      list.append(list.length() > 1 ? " " : "").append('"').append(component).append('"');
      base.append('"').append(component).append("\": ").append(value(component)).append('\n');
    }
    String signatureParams = list.append(')').append(params).toString();
    base.append("\"@signature-params\": ").append(signatureParams);
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(key);
    signer.update(base.toString().getBytes(StandardCharsets.UTF_8));
    String value = Base64.getEncoder().encodeToString(signer.sign());
    field("signature-input", "agent=" + signatureParams);
    field("signature", "agent=:" + value + ":");
    return this;
  }

  private String value(String component) {
    if (component.startsWith("@")) {
      return derived.get(component);
    }
    return String.join(", ", fields.getOrDefault(component, new ArrayList<>()));
  }

  InboundRequest build() {
    return new InboundRequest(
        operation, tls, peerCertificates, localAddress, derived, fields, body);
  }
}
