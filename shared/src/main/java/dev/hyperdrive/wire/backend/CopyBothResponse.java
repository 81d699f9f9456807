package dev.hyperdrive.wire.backend;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/** Both directions now carry COPY data (streaming replication). Formats: 0 = text, 1 = binary; the array is not copied. */
public record CopyBothResponse(byte overallFormat, short[] columnFormats) implements BackendMessage {
  public static final byte TAG = 'W';

  public CopyBothResponse {
    CopyResponseCodec.checkColumnFormats(columnFormats);
  }

  @Override
  public void encode(ByteBuf out) {
    CopyResponseCodec.encode(out, TAG, overallFormat, columnFormats);
  }

  public static CopyBothResponse decode(ByteBuf body) throws ProtocolException {
    byte overallFormat = Wire.readByte(body);
    return new CopyBothResponse(overallFormat, CopyResponseCodec.readColumnFormats(body, "CopyBothResponse"));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CopyBothResponse that
        && overallFormat == that.overallFormat
        && Arrays.equals(columnFormats, that.columnFormats);
  }

  @Override
  public int hashCode() {
    return CopyResponseCodec.hash(overallFormat, columnFormats);
  }

  @Override
  public String toString() {
    return CopyResponseCodec.describe("CopyBothResponse", overallFormat, columnFormats);
  }
}
