package io.agenttransport.grpc.internal;

import com.google.protobuf.Message;
import io.agenttransport.api.AgentOperation;
import io.agenttransport.grpc.internal.proto.AgentServiceGrpc;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * The gRPC methods of the agent service, one per {@link AgentOperation}, with a request marshaller
 * that keeps raw bytes.
 *
 * <p>Both ends handle the request as the exact bytes on the wire: core signs the bytes it sends,
 * and the agent verifies the bytes it received before it parses them. Responses use the generated
 * protobuf marshallers.
 */
public final class GrpcMethods {
  private static final MethodDescriptor.Marshaller<byte[]> RAW_BYTES = new RawBytesMarshaller();
  private static final Map<AgentOperation, MethodDescriptor<byte[], Message>> METHODS =
      buildMethods();

  private GrpcMethods() {}

  /** Returns the method of {@code operation}. */
  public static MethodDescriptor<byte[], Message> method(AgentOperation operation) {
    return METHODS.get(operation);
  }

  /** Returns the {@code @path} component of {@code operation}: "/" and the full method name. */
  public static String path(AgentOperation operation) {
    return "/" + method(operation).getFullMethodName();
  }

  private static Map<AgentOperation, MethodDescriptor<byte[], Message>> buildMethods() {
    Map<AgentOperation, MethodDescriptor<byte[], Message>> methods =
        new EnumMap<>(AgentOperation.class);
    methods.put(AgentOperation.NODE_INFO, raw(AgentServiceGrpc.getGetNodeInfoMethod()));
    methods.put(AgentOperation.STORE_INFO, raw(AgentServiceGrpc.getGetStoreInfoMethod()));
    methods.put(AgentOperation.SHARDS, raw(AgentServiceGrpc.getListShardsMethod()));
    methods.put(AgentOperation.ACTION_QUEUE, raw(AgentServiceGrpc.getListActionQueueMethod()));
    methods.put(
        AgentOperation.ACTIONS_FINISHED, raw(AgentServiceGrpc.getListFinishedActionsMethod()));
    methods.put(AgentOperation.ACTION_LOOKUP, raw(AgentServiceGrpc.getLookupActionMethod()));
    methods.put(AgentOperation.ACTION_SCHEDULE, raw(AgentServiceGrpc.getScheduleActionMethod()));
    return methods;
  }

  @SuppressWarnings("unchecked")
  private static <Q, R extends Message> MethodDescriptor<byte[], Message> raw(
      MethodDescriptor<Q, R> generated) {
    MethodDescriptor.Marshaller<Message> responses =
        (MethodDescriptor.Marshaller<Message>) generated.getResponseMarshaller();
    return generated.toBuilder(RAW_BYTES, responses).build();
  }

  /**
   * Passes request bytes through unchanged. Both directions tell gRPC the length, so that it
   * neither copies through a scratch buffer when sending nor grows one when receiving.
   */
  private static final class RawBytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {
    @Override
    public InputStream stream(byte[] value) {
      return new KnownLengthBytes(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try (stream) {
        if (!(stream instanceof KnownLength)) {
          return stream.readAllBytes();
        }
        byte[] bytes = stream.readNBytes(stream.available());
        int next = stream.read();
        if (next < 0) {
          return bytes;
        }
        // The stream reported fewer bytes than it had: keep the rest rather than drop it.
        byte[] rest = stream.readAllBytes();
        byte[] all = Arrays.copyOf(bytes, bytes.length + 1 + rest.length);
        all[bytes.length] = (byte) next;
        System.arraycopy(rest, 0, all, bytes.length + 1, rest.length);
        return all;
      } catch (IOException e) {
        throw new UncheckedIOException("failed to read a request message", e);
      }
    }
  }

  /** Request bytes that gRPC can size and write out in one step. */
  private static final class KnownLengthBytes extends ByteArrayInputStream
      implements KnownLength, Drainable {
    KnownLengthBytes(byte[] bytes) {
      super(bytes);
    }

    @Override
    public synchronized int drainTo(OutputStream target) throws IOException {
      int length = count - pos;
      target.write(buf, pos, length);
      pos = count;
      return length;
    }
  }
}
