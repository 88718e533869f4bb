package io.agenttransport.grpc.internal;

import io.grpc.Attributes;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import org.jspecify.annotations.Nullable;

/**
 * The facts the agent's transport knows of one call before its message: the transport attributes
 * (TLS session, local address), the request metadata and the {@code :authority}.
 *
 * @param attributes the call's transport attributes
 * @param headers the request metadata
 * @param authority the {@code :authority} the client sent, if any
 */
record CallFacts(Attributes attributes, Metadata headers, @Nullable String authority) {
  static final Context.Key<CallFacts> KEY = Context.key("agent-transport-call-facts");

  /** Returns an interceptor that makes each call's facts available under {@link #KEY}. */
  static ServerInterceptor interceptor() {
    return new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        CallFacts facts = new CallFacts(call.getAttributes(), headers, call.getAuthority());
        Context context = Context.current().withValue(KEY, facts);
        return Contexts.interceptCall(context, call, headers, next);
      }
    };
  }
}
