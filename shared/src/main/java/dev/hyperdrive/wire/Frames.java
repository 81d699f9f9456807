package dev.hyperdrive.wire;

import io.netty.buffer.ByteBuf;

/** Reads the header of a complete tagged frame (as {@link PgFrameDecoder} emits it) without consuming it. */
public final class Frames {
  private Frames() {}

  public static byte tag(ByteBuf frame) {
    return frame.getByte(frame.readerIndex());
  }

  /** The body's length: the Int32 length field minus the four bytes of the field itself. */
  public static int bodyLength(ByteBuf frame) {
    return frame.getInt(frame.readerIndex() + 1) - 4;
  }

  /** A tag as PostgreSQL's log shows it: the character when printable, with its code either way. */
  public static String describeTag(byte tag) {
    int code = tag & 0xFF;
    if (code >= 0x21 && code < 0x7F) {
      return "'" + (char) code + "' (" + code + ")";
    }
    return String.valueOf(code);
  }
}
