package dev.hyperdrive.wire.backend;

import dev.hyperdrive.wire.ProtocolException;
import io.netty.buffer.ByteBuf;

/** The server is ready for COPY FROM STDIN data. */
public record CopyInResponse(CopyFormats formats) implements BackendMessage {
  public static final byte TAG = 'G';

  /** Formats: 0 = text, 1 = binary; the array is not copied. */
  public CopyInResponse(byte overallFormat, short[] columnFormats) {
    this(new CopyFormats(overallFormat, columnFormats));
  }

  public byte overallFormat() {
    return formats.overall();
  }

  public short[] columnFormats() {
    return formats.columns();
  }

  @Override
  public void encode(ByteBuf out) {
    formats.encode(out, TAG);
  }

  public static CopyInResponse decode(ByteBuf body) throws ProtocolException {
    return new CopyInResponse(CopyFormats.decode(body, "CopyInResponse"));
  }

  @Override
  public String toString() {
    return formats.describe("CopyInResponse");
  }
}
