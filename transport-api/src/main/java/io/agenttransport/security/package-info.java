/**
 * The security policy, enforced by the framework for every provider: a {@link
 * io.agenttransport.security.RequestGuard} checks what a transport saw of each request (TLS state,
 * peer certificates, signature components, body) before the agent sees it.
 */
@NullMarked
package io.agenttransport.security;

import org.jspecify.annotations.NullMarked;
