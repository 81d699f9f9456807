package dev.hyperdrive.wire;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Primitive reads and writes of the PostgreSQL wire format, shared by every message's decode and encode.
 * Reads throw {@link ProtocolException}, never an unchecked exception, so a malformed body cannot escape
 * as a crash. See https://www.postgresql.org/docs/current/protocol-message-types.html.
 */
public final class Wire {
  /** Frame header: one tag byte and an Int32 length that counts itself but not the tag. */
  public static final int HEADER_LENGTH = 5;

  private Wire() {}

  /** Reads a NUL-terminated UTF-8 string. */
  public static String readCString(ByteBuf in) throws ProtocolException {
    int end = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) 0);
    if (end < 0) {
      throw new ProtocolException("invalid string in message: missing terminator");
    }
    String value = in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.UTF_8);
    in.readerIndex(end + 1);
    return value;
  }

  public static void writeCString(ByteBuf out, String value) {
    out.writeCharSequence(value, StandardCharsets.UTF_8);
    out.writeByte(0);
  }

  public static byte readByte(ByteBuf in) throws ProtocolException {
    need(in, 1);
    return in.readByte();
  }

  public static short readInt16(ByteBuf in) throws ProtocolException {
    need(in, 2);
    return in.readShort();
  }

  public static int readInt32(ByteBuf in) throws ProtocolException {
    need(in, 4);
    return in.readInt();
  }

  /**
   * Reads an unsigned Int16 element count and checks that the body still holds at least
   * {@code minBytesEach} bytes per element, so a hostile count cannot trigger a huge allocation.
   */
  public static int readCount16(ByteBuf in, int minBytesEach) throws ProtocolException {
    int count = readInt16(in) & 0xFFFF;
    if ((long) count * minBytesEach > in.readableBytes()) {
      throw new ProtocolException("invalid message format: count " + count + " exceeds the message body");
    }
    return count;
  }

  public static byte[] readBytes(ByteBuf in, int length) throws ProtocolException {
    if (length < 0) {
      throw new ProtocolException("invalid message format: negative length " + length);
    }
    need(in, length);
    byte[] bytes = new byte[length];
    in.readBytes(bytes);
    return bytes;
  }

  /** Reads an Int32 length followed by that many bytes; -1 means SQL NULL and yields {@code null}. */
  public static byte[] readNullableBytes(ByteBuf in) throws ProtocolException {
    int length = readInt32(in);
    if (length == -1) {
      return null;
    }
    return readBytes(in, length);
  }

  public static void writeNullableBytes(ByteBuf out, byte[] value) {
    if (value == null) {
      out.writeInt(-1);
    } else {
      out.writeInt(value.length);
      out.writeBytes(value);
    }
  }

  /** Reads an Int16 count followed by that many Int16 values (format codes). */
  public static short[] readInt16Array(ByteBuf in) throws ProtocolException {
    short[] values = new short[readCount16(in, 2)];
    for (int i = 0; i < values.length; i++) {
      values[i] = in.readShort();
    }
    return values;
  }

  public static void writeInt16Array(ByteBuf out, short[] values) {
    out.writeShort(values.length);
    for (short value : values) {
      out.writeShort(value);
    }
  }

  /** Reads an Int16 count followed by that many Int32 values (type OIDs). */
  public static int[] readInt32Array(ByteBuf in) throws ProtocolException {
    int[] values = new int[readCount16(in, 4)];
    for (int i = 0; i < values.length; i++) {
      values[i] = in.readInt();
    }
    return values;
  }

  public static void writeInt32Array(ByteBuf out, int[] values) {
    out.writeShort(values.length);
    for (int value : values) {
      out.writeInt(value);
    }
  }

  /** Reads an Int16 count followed by that many length-prefixed values; SQL NULL becomes {@code null}. */
  public static List<byte[]> readNullableBytesList(ByteBuf in) throws ProtocolException {
    int count = readCount16(in, 4);
    List<byte[]> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      values.add(readNullableBytes(in));
    }
    return values;
  }

  public static void writeNullableBytesList(ByteBuf out, List<byte[]> values) {
    out.writeShort(values.size());
    for (byte[] value : values) {
      writeNullableBytes(out, value);
    }
  }

  /** Reads every remaining byte of a body. */
  public static byte[] readRemainingBytes(ByteBuf in) {
    byte[] bytes = new byte[in.readableBytes()];
    in.readBytes(bytes);
    return bytes;
  }

  /** Writes a complete frame with an empty body (Sync, Flush, BindComplete, ...). */
  public static void writeEmptyMessage(ByteBuf out, byte tag) {
    out.writeByte(tag);
    out.writeInt(4);
  }

  /**
   * Slices the body of the tagged frame at the reader index and moves the reader past the frame, after
   * checking that the length field is possible and the body is all there.
   */
  public static ByteBuf readBody(ByteBuf frame) throws ProtocolException {
    int length = readInt32(frame);
    if (length < 4 || length - 4 > frame.readableBytes()) {
      throw new ProtocolException("invalid message length " + length + " with " + frame.readableBytes()
          + " bytes of body present");
    }
    return frame.readSlice(length - 4);
  }

  /** Every byte of a body must be consumed: trailing garbage is a protocol violation, as in PostgreSQL. */
  public static void expectEnd(ByteBuf in, String message) throws ProtocolException {
    if (in.isReadable()) {
      throw new ProtocolException("invalid message format: " + in.readableBytes()
          + " unexpected trailing bytes in " + message);
    }
  }

  /** Starts a tagged frame; returns the index of the length placeholder for {@link #endMessage}. */
  public static int beginMessage(ByteBuf out, byte tag) {
    out.writeByte(tag);
    int lengthIndex = out.writerIndex();
    out.writeInt(0);
    return lengthIndex;
  }

  /** Starts an untagged startup-phase frame (StartupMessage, SSLRequest, CancelRequest, ...). */
  public static int beginUntaggedMessage(ByteBuf out) {
    int lengthIndex = out.writerIndex();
    out.writeInt(0);
    return lengthIndex;
  }

  /** Patches the length placeholder written by {@link #beginMessage} or {@link #beginUntaggedMessage}. */
  public static void endMessage(ByteBuf out, int lengthIndex) {
    out.setInt(lengthIndex, out.writerIndex() - lengthIndex);
  }

  private static void need(ByteBuf in, int bytes) throws ProtocolException {
    if (in.readableBytes() < bytes) {
      throw new ProtocolException("invalid message format: message is truncated");
    }
  }
}
