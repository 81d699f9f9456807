package dev.hyperdrive.wire.backend;

/** Guards the one thing a NUL-terminated wire string cannot hold. */
final class CStrings {
  private CStrings() {}

  /** A NUL inside a C string would end it early and desynchronise the whole stream, so refuse it up front. */
  static String check(String value, String what) {
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(what + " cannot contain a NUL character");
    }
    return value;
  }
}
