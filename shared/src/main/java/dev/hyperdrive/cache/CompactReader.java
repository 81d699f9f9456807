package dev.hyperdrive.cache;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads what {@link CompactWriter} wrote. Every read is bounds-checked: malformed input (from another
 * tier or a future version) fails with an {@link IllegalArgumentException}, never with a huge allocation.
 */
final class CompactReader {
  private final byte[] in;
  private int position;

  CompactReader(byte[] in) {
    this.in = in;
  }

  int readByte() {
    need(1);
    return in[position++] & 0xFF;
  }

  long readVarLong() {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = readByte();
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        if (value < 0) {
          break;
        }
        return value;
      }
    }
    throw new IllegalArgumentException("malformed varint at offset " + position);
  }

  int readVarInt() {
    long value = readVarLong();
    if (value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("count " + value + " out of range at offset " + position);
    }
    return (int) value;
  }

  /** A count of items that each take at least one byte, so it can never exceed what is left. */
  int readCount() {
    int count = readVarInt();
    need(count);
    return count;
  }

  String readString() {
    return new String(readBytes(), StandardCharsets.UTF_8);
  }

  byte[] readBytes() {
    int length = readVarInt();
    need(length);
    byte[] value = Arrays.copyOfRange(in, position, position + length);
    position += length;
    return value;
  }

  byte[] readNullableBytes() {
    int lengthPlusOne = readVarInt();
    if (lengthPlusOne == 0) {
      return null;
    }
    int length = lengthPlusOne - 1;
    need(length);
    byte[] value = Arrays.copyOfRange(in, position, position + length);
    position += length;
    return value;
  }

  void expectEnd(String what) {
    if (position != in.length) {
      throw new IllegalArgumentException((in.length - position) + " trailing bytes after " + what);
    }
  }

  private void need(int bytes) {
    if (bytes < 0 || bytes > in.length - position) {
      throw new IllegalArgumentException("truncated: need " + bytes + " bytes at offset " + position
          + " of " + in.length);
    }
  }
}
