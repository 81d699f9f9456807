package dev.hyperdrive.wire;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.function.Function;

/**
 * What the messages whose body is nothing but opaque bytes share (CopyData, SASLResponse, the GSS and
 * SASL continuations): encoding, and comparing and describing by content. Public only because those
 * messages live in both the frontend and backend packages.
 */
public final class OpaqueBytes {
  private OpaqueBytes() {}

  /** Writes a message of the given tag whose whole body is {@code data}. */
  public static void encode(ByteBuf out, byte tag, byte[] data) {
    int lengthIndex = Wire.beginMessage(out, tag);
    out.writeBytes(data);
    Wire.endMessage(out, lengthIndex);
  }

  public static <M> boolean equal(byte[] data, Object other, Class<M> type, Function<M, byte[]> bytesOf) {
    return type.isInstance(other) && Arrays.equals(data, bytesOf.apply(type.cast(other)));
  }

  public static int hash(byte[] data) {
    return Arrays.hashCode(data);
  }

  public static String describe(String messageName, byte[] data) {
    return messageName + "[" + data.length + " bytes]";
  }
}
