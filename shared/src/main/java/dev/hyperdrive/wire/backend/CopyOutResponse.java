package dev.hyperdrive.wire.backend;

import dev.hyperdrive.wire.ProtocolException;
import io.netty.buffer.ByteBuf;

/** The server is about to send COPY TO STDOUT data. */
public record CopyOutResponse(CopyFormats formats) implements BackendMessage {
  public static final byte TAG = 'H';

  /** Formats: 0 = text, 1 = binary; the array is not copied. */
  public CopyOutResponse(byte overallFormat, short[] columnFormats) {
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

  public static CopyOutResponse decode(ByteBuf body) throws ProtocolException {
    return new CopyOutResponse(CopyFormats.decode(body, "CopyOutResponse"));
  }

  @Override
  public String toString() {
    return formats.describe("CopyOutResponse");
  }
}
