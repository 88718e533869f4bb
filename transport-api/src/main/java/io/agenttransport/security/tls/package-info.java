/**
 * TLS material and checks: PEM loading with Bouncy Castle, trust limited to configured CA bundles,
 * agent address and key usage checks, and core's pinned identity.
 */
@NullMarked
package io.agenttransport.security.tls;

import org.jspecify.annotations.NullMarked;
