package dev.hyperdrive.wire;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Value semantics for the {@code List<byte[]>} fields of messages (parameter values, columns), where a
 * {@code null} element is SQL NULL: records compare arrays by identity unless told otherwise.
 */
public final class ByteArrays {
  private ByteArrays() {}

  /** An unmodifiable copy of the list that, unlike {@link List#copyOf}, keeps {@code null} elements. */
  public static List<byte[]> copyOf(List<byte[]> values) {
    return Collections.unmodifiableList(Arrays.asList(values.toArray(new byte[0][])));
  }

  public static boolean equals(List<byte[]> a, List<byte[]> b) {
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

  public static int hashCode(List<byte[]> values) {
    int hash = 1;
    for (byte[] value : values) {
      hash = 31 * hash + Arrays.hashCode(value);
    }
    return hash;
  }

  /** Lengths only: values may be query parameters, which must not reach logs. */
  public static String describe(List<byte[]> values) {
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      byte[] value = values.get(i);
      text.append(i == 0 ? "" : ", ").append(value == null ? "NULL" : value.length + " bytes");
    }
    return text.append(']').toString();
  }
}
