/**
 * Benchmarks that put the framework beside the raw libraries it wraps, in one run: the entry point
 * {@link io.agenttransport.bench.BenchMain}, the report rows and the Markdown report.
 */
@NullMarked
package io.agenttransport.bench;

import org.jspecify.annotations.NullMarked;
