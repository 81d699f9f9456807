package dev.hyperdrive.cache;

/**
 * Numeric constants as PostgreSQL 16+ lexes them: decimal with optional fraction and exponent,
 * {@code 0x}/{@code 0o}/{@code 0b} integers, {@code _} between digits, and an error for
 * "trailing junk" such as {@code 123abc}.
 */
final class NumberScanner {

  private NumberScanner() {}

  static Token number(SourceCursor cursor) throws SqlLexException {
    int start = cursor.pos;
    int radix = radixPrefix(cursor.peek(0), cursor.peek(1));
    if (radix != 10 && isDigit(digitAfterPrefix(cursor), radix)) {
      cursor.pos += 2;
      digits(cursor, radix);
    } else {
      decimal(cursor);
    }
    rejectTrailingJunk(cursor, start, "numeric literal");
    return cursor.token(TokenKind.NUMBER, start);
  }

  private static void decimal(SourceCursor cursor) throws SqlLexException {
    digits(cursor, 10);
    // "1..5" is the integer 1 followed by "..", not "1." followed by ".5".
    if (cursor.peek(0) == '.' && cursor.peek(1) != '.') {
      cursor.pos++;
      digits(cursor, 10);
    }
    int e = cursor.peek(0);
    if (e == 'e' || e == 'E') {
      int sign = cursor.peek(1);
      int exponentStart = sign == '+' || sign == '-' ? 2 : 1;
      if (SourceCursor.isDigit(cursor.peek(exponentStart))) {
        cursor.pos += exponentStart;
        digits(cursor, 10);
      }
    }
  }

  private static int radixPrefix(int zero, int letter) {
    if (zero != '0') {
      return 10;
    }
    switch (letter) {
      case 'x': case 'X': return 16;
      case 'o': case 'O': return 8;
      case 'b': case 'B': return 2;
      default: return 10;
    }
  }

  /** The first digit after {@code 0x}, skipping the one underscore PostgreSQL allows there. */
  private static int digitAfterPrefix(SourceCursor cursor) {
    int c = cursor.peek(2);
    return c == '_' ? cursor.peek(3) : c;
  }

  /** Consumes digits of {@code radix}, each optionally preceded by a single {@code _}. */
  static void digits(SourceCursor cursor, int radix) {
    while (true) {
      if (isDigit(cursor.peek(0), radix)) {
        cursor.pos++;
      } else if (cursor.peek(0) == '_' && isDigit(cursor.peek(1), radix)) {
        cursor.pos += 2;
      } else {
        return;
      }
    }
  }

  private static boolean isDigit(int c, int radix) {
    return c != SourceCursor.END && c < 0x80 && Character.digit(c, radix) >= 0;
  }

  /** PostgreSQL 15+ rejects an identifier glued to a number or parameter ({@code 123abc}, {@code $1x}). */
  static void rejectTrailingJunk(SourceCursor cursor, int start, String what) throws SqlLexException {
    if (SourceCursor.isIdentifierStart(cursor.peek(0))) {
      throw cursor.error("trailing junk after " + what, start);
    }
  }
}
