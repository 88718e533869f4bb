/**
 * Building blocks of the benchmarks: an in-memory CA, the raw OkHttp, Jetty and gRPC-Java baselines
 * with the same TLS setup as the framework, and the framework's side assembled through the provider
 * SPI.
 */
@NullMarked
package io.agenttransport.bench.support;

import org.jspecify.annotations.NullMarked;
