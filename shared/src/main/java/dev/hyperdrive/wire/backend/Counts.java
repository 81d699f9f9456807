package dev.hyperdrive.wire.backend;

/** Element counts travel as unsigned Int16 on the wire; more elements than that cannot be encoded. */
final class Counts {
  static final int MAX_INT16_COUNT = 0xFFFF;

  private Counts() {}

  static <T> T checkInt16(int count, String what, T value) {
    if (count > MAX_INT16_COUNT) {
      throw new IllegalArgumentException(what + ": " + count + " elements exceed the protocol's limit of "
          + MAX_INT16_COUNT);
    }
    return value;
  }
}
