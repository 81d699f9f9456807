package dev.hyperdrive.wire.backend;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/** The type OIDs of a prepared statement's parameters, answering Describe of a statement. Not copied. */
public record ParameterDescription(int[] types) implements BackendMessage {
  public static final byte TAG = 't';

  public ParameterDescription {
    Counts.checkInt16(types.length, "ParameterDescription types", types);
  }

  @Override
  public void encode(ByteBuf out) {
    int lengthIndex = Wire.beginMessage(out, TAG);
    Wire.writeInt32Array(out, types);
    Wire.endMessage(out, lengthIndex);
  }

  public static ParameterDescription decode(ByteBuf body) throws ProtocolException {
    int[] types = Wire.readInt32Array(body);
    Wire.expectEnd(body, "ParameterDescription");
    return new ParameterDescription(types);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ParameterDescription that && Arrays.equals(types, that.types);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(types);
  }

  @Override
  public String toString() {
    return "ParameterDescription" + Arrays.toString(types);
  }
}
