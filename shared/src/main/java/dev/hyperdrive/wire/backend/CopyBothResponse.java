package dev.hyperdrive.wire.backend;

import dev.hyperdrive.wire.ProtocolException;
import io.netty.buffer.ByteBuf;

/** Both directions now carry COPY data (streaming replication). */
public record CopyBothResponse(CopyFormats formats) implements BackendMessage {
  public static final byte TAG = 'W';

  /** Formats: 0 = text, 1 = binary; the array is not copied. */
  public CopyBothResponse(byte overallFormat, short[] columnFormats) {
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

  public static CopyBothResponse decode(ByteBuf body) throws ProtocolException {
    return new CopyBothResponse(CopyFormats.decode(body, "CopyBothResponse"));
  }

  @Override
  public String toString() {
    return formats.describe("CopyBothResponse");
  }
}
