/**
 * The wire hook: capture the exact request core sends and resend it, altered or not, to an agent,
 * for the tamper and replay rules.
 */
@NullMarked
package io.agenttransport.tck.wire;

import org.jspecify.annotations.NullMarked;
