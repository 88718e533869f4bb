/**
 * RFC 9421 HTTP Message Signatures with RFC 9530 content digests, the replay window and the nonce
 * cache, written so that transports other than HTTP reuse them unchanged.
 */
@NullMarked
package io.agenttransport.security.signature;

import org.jspecify.annotations.NullMarked;
