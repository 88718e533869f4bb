/** Discovery of transport providers and their selection by the {@code transport} config key. */
@NullMarked
package io.agenttransport.registry;

import org.jspecify.annotations.NullMarked;
