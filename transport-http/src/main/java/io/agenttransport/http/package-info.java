/**
 * The default transport, {@code http}: core calls agents with OkHttp over mutual TLS and signs
 * state-changing requests with RFC 9421 HTTP Message Signatures; agents serve the agent HTTP API
 * with an embedded Jetty server. Applications reach it through {@link
 * io.agenttransport.http.HttpTransportProvider}, found with {@link java.util.ServiceLoader}.
 */
@NullMarked
package io.agenttransport.http;

import org.jspecify.annotations.NullMarked;
