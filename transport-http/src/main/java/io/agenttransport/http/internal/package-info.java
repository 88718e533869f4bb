/**
 * The implementation of the HTTP transport: the OkHttp client and its channels, the Jetty server
 * and the mapping between the agent HTTP API and the framework's model and exceptions. Internal: it
 * may change at any time, and nothing outside this module should import it.
 */
@NullMarked
package io.agenttransport.http.internal;

import org.jspecify.annotations.NullMarked;
