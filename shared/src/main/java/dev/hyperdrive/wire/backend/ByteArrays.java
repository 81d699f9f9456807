package dev.hyperdrive.wire.backend;

import io.netty.buffer.ByteBufUtil;
import java.util.Arrays;
import java.util.List;

/** Value semantics for the byte arrays and lists of byte arrays (null = SQL NULL) that messages carry. */
final class ByteArrays {
  private ByteArrays() {}

  static String hex(byte[] bytes) {
    return ByteBufUtil.hexDump(bytes);
  }

  static boolean equal(List<byte[]> a, List<byte[]> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  static int hash(List<byte[]> values) {
    int hash = 1;
    for (byte[] value : values) {
      hash = 31 * hash + Arrays.hashCode(value);
    }
    return hash;
  }

  /** Sizes only: values may be query results or credentials, which do not belong in logs. */
  static String describe(List<byte[]> values) {
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      byte[] value = values.get(i);
      text.append(i == 0 ? "" : ", ").append(value == null ? "NULL" : value.length + " bytes");
    }
    return text.append(']').toString();
  }
}
