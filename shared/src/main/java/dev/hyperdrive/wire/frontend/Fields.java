package dev.hyperdrive.wire.frontend;

import java.util.Objects;

/** Constructor checks shared by the records: what the wire format cannot represent is refused up front. */
final class Fields {
  private static final int MAX_COUNT16 = 0xFFFF;

  private Fields() {}

  /** A string sent as a C string: not null and without NUL, which would end it early on the wire. */
  static String cstring(String value, String field) {
    Objects.requireNonNull(value, field);
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(field + " must not contain a NUL character");
    }
    return value;
  }

  /** A list whose length goes out as an Int16 count. */
  static void count16(int count, String field) {
    if (count > MAX_COUNT16) {
      throw new IllegalArgumentException(field + " has " + count + " elements, the protocol allows " + MAX_COUNT16);
    }
  }
}
