/**
 * The compliance report: a JUnit Platform listener that writes each provider's rule results as
 * Markdown and JSON and prints a one-line summary.
 */
@NullMarked
package io.agenttransport.tck.report;

import org.jspecify.annotations.NullMarked;
