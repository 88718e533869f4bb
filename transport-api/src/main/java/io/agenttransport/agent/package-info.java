/** The reference agent that the TCK, the command line and the demo serve. */
@NullMarked
package io.agenttransport.agent;

import org.jspecify.annotations.NullMarked;
