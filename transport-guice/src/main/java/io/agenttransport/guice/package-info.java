/**
 * Guice bindings for core's side of the link. Only applications that use Guice need this package;
 * provider authors never do.
 */
@NullMarked
package io.agenttransport.guice;

import org.jspecify.annotations.NullMarked;
