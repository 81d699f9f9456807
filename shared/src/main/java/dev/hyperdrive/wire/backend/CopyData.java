package dev.hyperdrive.wire.backend;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.Objects;

/** A chunk of COPY OUT / COPY BOTH data; chunk boundaries carry no meaning. The array is not copied. */
public record CopyData(byte[] data) implements BackendMessage {
  public static final byte TAG = 'd';

  public CopyData {
    Objects.requireNonNull(data, "data");
  }

  @Override
  public void encode(ByteBuf out) {
    int lengthIndex = Wire.beginMessage(out, TAG);
    out.writeBytes(data);
    Wire.endMessage(out, lengthIndex);
  }

  public static CopyData decode(ByteBuf body) throws ProtocolException {
    return new CopyData(Wire.readRemainingBytes(body));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CopyData that && Arrays.equals(data, that.data);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "CopyData[" + data.length + " bytes]";
  }
}
