/**
 * JMH benchmarks: per-call round trips, signed actions, and signing per algorithm.
 *
 * <p>{@code bench/run} sets its own warm-up, iterations and passes and runs without forks. The
 * counts in the annotations apply when JMH runs a benchmark directly, and their warm-up is long
 * because on 2 cores the JIT needed about 20 s of round trips to compile the libraries' code.
 */
package io.agenttransport.bench.jmh;
