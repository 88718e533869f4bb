/** Certificate and key generation with Bouncy Castle for the {@code certs} command and the demo. */
@NullMarked
package io.agenttransport.cli.certs;

import org.jspecify.annotations.NullMarked;
