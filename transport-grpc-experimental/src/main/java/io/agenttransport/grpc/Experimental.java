package io.agenttransport.grpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an API of the gRPC transport as experimental.
 *
 * <p>An experimental API may change incompatibly or be removed in any release, without notice and
 * without a deprecation period. This covers its Java types, its options, the protobuf messages on
 * the wire and the metadata names. Do not depend on it from code that must keep working across
 * upgrades. Use the default HTTP transport there.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({
  ElementType.TYPE,
  ElementType.METHOD,
  ElementType.CONSTRUCTOR,
  ElementType.FIELD,
  ElementType.PACKAGE,
  ElementType.RECORD_COMPONENT
})
public @interface Experimental {}
