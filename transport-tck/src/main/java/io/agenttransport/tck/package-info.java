/**
 * The transport TCK: {@link io.agenttransport.tck.TransportTck}, the class a provider's test
 * extends, its rule groups, and the workbench each rule gets. Rules run the provider against the
 * reference agent over real sockets on loopback.
 */
@NullMarked
package io.agenttransport.tck;

import org.jspecify.annotations.NullMarked;
