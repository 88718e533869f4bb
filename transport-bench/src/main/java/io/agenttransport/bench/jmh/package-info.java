/** JMH benchmarks: per-call round trips, signed actions, and signing per algorithm. */
package io.agenttransport.bench.jmh;
