package dev.hyperdrive.wire.backend;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/** The body CopyInResponse, CopyOutResponse and CopyBothResponse share: Int8 overall format, Int16[] column formats. */
final class CopyResponseCodec {
  private CopyResponseCodec() {}

  static short[] checkColumnFormats(short[] columnFormats) {
    return Counts.checkInt16(columnFormats.length, "COPY column formats", columnFormats);
  }

  static void encode(ByteBuf out, byte tag, byte overallFormat, short[] columnFormats) {
    int lengthIndex = Wire.beginMessage(out, tag);
    out.writeByte(overallFormat);
    Wire.writeInt16Array(out, columnFormats);
    Wire.endMessage(out, lengthIndex);
  }

  /** Reads the column formats that follow the overall format byte, up to the end of the body. */
  static short[] readColumnFormats(ByteBuf body, String messageName) throws ProtocolException {
    short[] formats = Wire.readInt16Array(body);
    Wire.expectEnd(body, messageName);
    return formats;
  }

  static int hash(byte overallFormat, short[] columnFormats) {
    return 31 * overallFormat + Arrays.hashCode(columnFormats);
  }

  static String describe(String messageName, byte overallFormat, short[] columnFormats) {
    return messageName + "[overallFormat=" + overallFormat + ", columnFormats=" + Arrays.toString(columnFormats) + "]";
  }
}
