package dev.hyperdrive.wire.backend;

import dev.hyperdrive.wire.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Arrays;

/** Test helpers that move backend messages between objects, byte arrays and hex, releasing every buffer. */
final class BackendBytes {
  private BackendBytes() {}

  static byte[] encode(BackendMessage message) {
    ByteBuf out = Unpooled.buffer();
    try {
      message.encode(out);
      return ByteBufUtil.getBytes(out);
    } finally {
      out.release();
    }
  }

  static String encodeToHex(BackendMessage message) {
    return ByteBufUtil.hexDump(encode(message));
  }

  static byte[] fromHex(String hex) {
    return ByteBufUtil.decodeHexDump(hex.replace(" ", ""));
  }

  /** Decodes a frame that sits after {@code offset} junk bytes, checking the whole frame was consumed. */
  static BackendMessage decodeAtOffset(byte[] frame, int offset) throws ProtocolException {
    ByteBuf in = Unpooled.buffer(offset + frame.length);
    try {
      in.writeZero(offset).writeBytes(frame).readerIndex(offset);
      BackendMessage message = BackendDecoder.decode(in);
      if (in.isReadable()) {
        throw new AssertionError(in.readableBytes() + " bytes left unread");
      }
      return message;
    } finally {
      in.release();
    }
  }

  static BackendMessage decode(byte[] frame) throws ProtocolException {
    return decodeAtOffset(frame, 0);
  }

  /** The frame with its body cut or grown to {@code bodyLength} bytes (zero-padded) and its length field patched. */
  static byte[] withBodyLength(byte[] frame, int bodyLength) {
    byte[] resized = Arrays.copyOf(frame, 5 + bodyLength);
    writeInt32(resized, 1, bodyLength + 4);
    return resized;
  }

  static void writeInt32(byte[] bytes, int index, int value) {
    bytes[index] = (byte) (value >>> 24);
    bytes[index + 1] = (byte) (value >>> 16);
    bytes[index + 2] = (byte) (value >>> 8);
    bytes[index + 3] = (byte) value;
  }
}
