package dev.hyperdrive.wire.frontend;

import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.Objects;

/** CopyData ('d'): a chunk of COPY FROM STDIN data; chunks need not align with rows. */
public record CopyData(byte[] data) implements FrontendMessage {
  public static final byte TAG = 'd';

  public CopyData {
    Objects.requireNonNull(data, "data");
  }

  public static CopyData decode(ByteBuf body) {
    return new CopyData(Wire.readRemainingBytes(body));
  }

  @Override
  public void encode(ByteBuf out) {
    int lengthIndex = Wire.beginMessage(out, TAG);
    out.writeBytes(data);
    Wire.endMessage(out, lengthIndex);
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
