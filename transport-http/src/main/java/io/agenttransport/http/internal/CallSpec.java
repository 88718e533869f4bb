package io.agenttransport.http.internal;

import io.agenttransport.api.AgentOperation;
import io.agenttransport.api.CallOptions;
import org.jspecify.annotations.Nullable;

/**
 * One call to make on a channel.
 *
 * @param operation the operation
 * @param path the request path, with the action id for a lookup
 * @param body the model value to send as the JSON body, or {@code null} for a GET
 * @param responseType the model type of a successful response
 * @param options the caller's options
 * @param <T> the model type of a successful response
 */
record CallSpec<T>(
    AgentOperation operation,
    String path,
    @Nullable Object body,
    Class<T> responseType,
    CallOptions options) {}
