package dev.hyperdrive.wire.backend;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * The body CopyInResponse, CopyOutResponse and CopyBothResponse share: Int8 overall format, Int16[]
 * column formats (0 = text, 1 = binary). The array is not copied.
 */
record CopyFormats(byte overall, short[] columns) {
  CopyFormats {
    Counts.checkInt16(columns.length, "COPY column formats", columns);
  }

  static CopyFormats decode(ByteBuf body, String messageName) throws ProtocolException {
    byte overall = Wire.readByte(body);
    short[] columns = Wire.readInt16Array(body);
    Wire.expectEnd(body, messageName);
    return new CopyFormats(overall, columns);
  }

  void encode(ByteBuf out, byte tag) {
    int lengthIndex = Wire.beginMessage(out, tag);
    out.writeByte(overall);
    Wire.writeInt16Array(out, columns);
    Wire.endMessage(out, lengthIndex);
  }

  String describe(String messageName) {
    return messageName + "[overallFormat=" + overall + ", columnFormats=" + Arrays.toString(columns) + "]";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CopyFormats that && overall == that.overall && Arrays.equals(columns, that.columns);
  }

  @Override
  public int hashCode() {
    return 31 * overall + Arrays.hashCode(columns);
  }

  @Override
  public String toString() {
    return describe("CopyFormats");
  }
}
