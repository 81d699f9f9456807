package dev.hyperdrive.cache;

/**
 * Resolves the escapes inside string constants and quoted identifiers, with PostgreSQL's rules for
 * {@code E'...'} backslash escapes and {@code U&'...'} Unicode escapes. Input is the raw text between
 * the quotes, in which a doubled quote still stands for one.
 */
final class EscapeDecoder {
  private final String raw;
  private final int errorPosition;
  private final StringBuilder out = new StringBuilder();
  private int i;
  private int pendingHighSurrogate = -1;

  private EscapeDecoder(String raw, int errorPosition) {
    this.raw = raw;
    this.errorPosition = errorPosition;
  }

  /** Undoubles {@code quote}: {@code it''s} becomes {@code it's}. */
  static String undouble(String raw, char quote) {
    String doubled = String.valueOf(quote) + quote;
    return raw.replace(doubled, String.valueOf(quote));
  }

  /** {@code E'...'} (or {@code '...'} with standard_conforming_strings off). */
  static String backslashEscapes(String raw, int errorPosition) throws SqlLexException {
    return new EscapeDecoder(raw, errorPosition).decodeBackslashes();
  }

  /** {@code U&'...'} or {@code U&"..."} with the given escape character (backslash unless UESCAPE says). */
  static String unicodeEscapes(String undoubledRaw, char escape, int errorPosition) throws SqlLexException {
    return new EscapeDecoder(undoubledRaw, errorPosition).decodeUnicode(escape);
  }

  private String decodeBackslashes() throws SqlLexException {
    while (i < raw.length()) {
      char c = raw.charAt(i++);
      if (c == '\'') {
        i++; // the second quote of a doubled pair
        appendChar('\'');
      } else if (c != '\\' || i >= raw.length()) {
        appendChar(c);
      } else {
        decodeBackslashEscape(raw.charAt(i++));
      }
    }
    return finish();
  }

  private void decodeBackslashEscape(char kind) throws SqlLexException {
    switch (kind) {
      case 'b': appendChar('\b'); return;
      case 'f': appendChar('\f'); return;
      case 'n': appendChar('\n'); return;
      case 'r': appendChar('\r'); return;
      case 't': appendChar('\t'); return;
      case 'u': appendCodePoint(hex(4, true)); return;
      case 'U': appendCodePoint(hex(8, true)); return;
      case 'x':
        int start = i;
        int value = hex(2, false);
        if (i == start) {
          appendChar('x');
        } else {
          appendChar((char) value);
        }
        return;
      default:
        if (kind >= '0' && kind <= '7') {
          appendChar((char) octal(kind - '0'));
        } else {
          appendChar(kind);
        }
    }
  }

  private int octal(int firstDigit) {
    int value = firstDigit;
    for (int digits = 1; digits < 3 && i < raw.length() && raw.charAt(i) >= '0' && raw.charAt(i) <= '7'; digits++) {
      value = value * 8 + (raw.charAt(i++) - '0');
    }
    return value & 0xFF;
  }

  private String decodeUnicode(char escape) throws SqlLexException {
    while (i < raw.length()) {
      char c = raw.charAt(i++);
      if (c != escape) {
        appendChar(c);
      } else if (i < raw.length() && raw.charAt(i) == escape) {
        i++;
        appendChar(escape);
      } else if (i < raw.length() && raw.charAt(i) == '+') {
        i++;
        appendCodePoint(hex(6, true));
      } else {
        appendCodePoint(hex(4, true));
      }
    }
    return finish();
  }

  /** Reads up to {@code maxDigits} hex digits; with {@code exactly}, fewer is an invalid escape. */
  private int hex(int maxDigits, boolean exactly) throws SqlLexException {
    int value = 0;
    int digits = 0;
    while (digits < maxDigits && i < raw.length() && Character.digit(raw.charAt(i), 16) >= 0) {
      value = value * 16 + Character.digit(raw.charAt(i++), 16);
      digits++;
    }
    if (exactly && digits < maxDigits) {
      throw new SqlLexException("invalid Unicode escape", errorPosition);
    }
    return value;
  }

  private void appendCodePoint(int codePoint) throws SqlLexException {
    if (codePoint == 0 || codePoint > Character.MAX_CODE_POINT) {
      throw new SqlLexException("invalid Unicode escape value", errorPosition);
    }
    if (pendingHighSurrogate >= 0) {
      if (!Character.isLowSurrogate((char) codePoint) || codePoint > 0xFFFF) {
        throw new SqlLexException("invalid Unicode surrogate pair", errorPosition);
      }
      out.append((char) pendingHighSurrogate).append((char) codePoint);
      pendingHighSurrogate = -1;
    } else if (codePoint <= 0xFFFF && Character.isHighSurrogate((char) codePoint)) {
      pendingHighSurrogate = codePoint;
    } else if (codePoint <= 0xFFFF && Character.isLowSurrogate((char) codePoint)) {
      throw new SqlLexException("invalid Unicode surrogate pair", errorPosition);
    } else {
      out.appendCodePoint(codePoint);
    }
  }

  private void appendChar(char c) throws SqlLexException {
    if (pendingHighSurrogate >= 0) {
      throw new SqlLexException("invalid Unicode surrogate pair", errorPosition);
    }
    out.append(c);
  }

  private String finish() throws SqlLexException {
    if (pendingHighSurrogate >= 0) {
      throw new SqlLexException("invalid Unicode surrogate pair", errorPosition);
    }
    return out.toString();
  }
}
