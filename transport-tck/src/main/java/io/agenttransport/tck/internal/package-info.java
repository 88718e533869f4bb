/**
 * Helpers of the TCK's rules: raw TLS probes, fixtures and assertions. Not for provider authors;
 * names and signatures may change between versions.
 */
@NullMarked
package io.agenttransport.tck.internal;

import org.jspecify.annotations.NullMarked;
