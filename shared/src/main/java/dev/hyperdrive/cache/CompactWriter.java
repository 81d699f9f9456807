package dev.hyperdrive.cache;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the compact encoding cache keys and entries travel in (and will ride in a protobuf
 * {@code bytes} field between tiers): unsigned LEB128 varints for lengths and counts, UTF-8 strings
 * behind their byte length, nullable byte strings behind length + 1 (0 = SQL NULL).
 */
final class CompactWriter {
  private final ByteArrayOutputStream out;

  CompactWriter(int expectedSize) {
    out = new ByteArrayOutputStream(expectedSize);
  }

  CompactWriter writeByte(int value) {
    out.write(value);
    return this;
  }

  CompactWriter writeVarLong(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("negative value " + value);
    }
    while ((value & ~0x7FL) != 0) {
      out.write((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
    return this;
  }

  CompactWriter writeVarInt(int value) {
    return writeVarLong(Integer.toUnsignedLong(value));
  }

  CompactWriter writeString(String value) {
    return writeBytes(value.getBytes(StandardCharsets.UTF_8));
  }

  CompactWriter writeBytes(byte[] value) {
    writeVarInt(value.length);
    out.write(value, 0, value.length);
    return this;
  }

  CompactWriter writeNullableBytes(byte[] value) {
    if (value == null) {
      return writeVarInt(0);
    }
    writeVarLong(value.length + 1L);
    out.write(value, 0, value.length);
    return this;
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }
}
