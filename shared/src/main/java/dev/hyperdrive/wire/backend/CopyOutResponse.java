package dev.hyperdrive.wire.backend;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/** The server is about to send COPY TO STDOUT data. Formats: 0 = text, 1 = binary; the array is not copied. */
public record CopyOutResponse(byte overallFormat, short[] columnFormats) implements BackendMessage {
  public static final byte TAG = 'H';

  public CopyOutResponse {
    CopyResponseCodec.checkColumnFormats(columnFormats);
  }

  @Override
  public void encode(ByteBuf out) {
    CopyResponseCodec.encode(out, TAG, overallFormat, columnFormats);
  }

  public static CopyOutResponse decode(ByteBuf body) throws ProtocolException {
    byte overallFormat = Wire.readByte(body);
    return new CopyOutResponse(overallFormat, CopyResponseCodec.readColumnFormats(body, "CopyOutResponse"));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CopyOutResponse that
        && overallFormat == that.overallFormat
        && Arrays.equals(columnFormats, that.columnFormats);
  }

  @Override
  public int hashCode() {
    return CopyResponseCodec.hash(overallFormat, columnFormats);
  }

  @Override
  public String toString() {
    return CopyResponseCodec.describe("CopyOutResponse", overallFormat, columnFormats);
  }
}
