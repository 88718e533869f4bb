/** The JSON encoding of the agent API model, shared by every transport that carries JSON. */
@NullMarked
package io.agenttransport.json;

import org.jspecify.annotations.NullMarked;
