package dev.hyperdrive.wire.frontend;

import dev.hyperdrive.wire.OpaqueBytes;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;
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
    OpaqueBytes.encode(out, TAG, data);
  }

  @Override
  public boolean equals(Object other) {
    return OpaqueBytes.equal(data, other, CopyData.class, CopyData::data);
  }

  @Override
  public int hashCode() {
    return OpaqueBytes.hash(data);
  }

  @Override
  public String toString() {
    return OpaqueBytes.describe("CopyData", data);
  }
}
