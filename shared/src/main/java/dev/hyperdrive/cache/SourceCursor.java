package dev.hyperdrive.cache;

/**
 * A position in a SQL text plus the character classes of PostgreSQL's lexer (scan.l). Shared by the
 * scanners {@link SqlLexer} delegates to.
 */
final class SourceCursor {
  static final int END = -1;

  final String text;
  int pos;

  SourceCursor(String text) {
    this.text = text;
  }

  boolean atEnd() {
    return pos >= text.length();
  }

  /** The character {@code offset} places ahead of the cursor, or {@link #END}. */
  int peek(int offset) {
    return charAt(pos + offset);
  }

  int charAt(int index) {
    return index < text.length() ? text.charAt(index) : END;
  }

  Token token(TokenKind kind, int start, String value) {
    return new Token(kind, text.substring(start, pos), value, start);
  }

  Token token(TokenKind kind, int start) {
    String source = text.substring(start, pos);
    return new Token(kind, source, source, start);
  }

  SqlLexException error(String message, int at) {
    return new SqlLexException(message, at);
  }

  static boolean isSpace(int c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
  }

  static boolean isNewline(int c) {
    return c == '\n' || c == '\r';
  }

  /** Every non-ASCII character may start an identifier, as every high-bit byte does in PostgreSQL. */
  static boolean isIdentifierStart(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
  }

  static boolean isIdentifierPart(int c) {
    return isIdentifierStart(c) || isDigit(c) || c == '$';
  }

  static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  static boolean isOperatorChar(int c) {
    return c != END && "~!@#^&|`?+-*/%<>=".indexOf(c) >= 0;
  }

  /** At {@code --} or {@code /*}: the cursor is at a comment, not an operator. */
  boolean atCommentStart() {
    int c = peek(0);
    int next = peek(1);
    return (c == '-' && next == '-') || (c == '/' && next == '*');
  }

  /** Skips one comment starting at the cursor; block comments nest, as in PostgreSQL. */
  void skipComment() throws SqlLexException {
    if (peek(0) == '-') {
      while (!atEnd() && !isNewline(peek(0))) {
        pos++;
      }
      return;
    }
    int start = pos;
    int depth = 0;
    do {
      if (atEnd()) {
        throw error("unterminated /* comment", start);
      }
      if (peek(0) == '/' && peek(1) == '*') {
        depth++;
        pos += 2;
      } else if (peek(0) == '*' && peek(1) == '/') {
        depth--;
        pos += 2;
      } else {
        pos++;
      }
    } while (depth > 0);
  }

  /** Skips whitespace and comments; used between tokens and before a UESCAPE clause. */
  void skipWhitespaceAndComments() throws SqlLexException {
    while (!atEnd()) {
      if (isSpace(peek(0))) {
        pos++;
      } else if (atCommentStart()) {
        skipComment();
      } else {
        return;
      }
    }
  }

  /**
   * Where a string constant continues: PostgreSQL joins {@code 'a'} and {@code 'b'} into one constant
   * when only whitespace containing a newline (and {@code --} comments) separates them.
   *
   * @return the index of the continuing quote, or -1 if the constant ends at {@code from}
   */
  int continuationQuote(int from) {
    boolean sawNewline = false;
    int i = from;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (isNewline(c)) {
        sawNewline = true;
        i++;
      } else if (c == ' ' || c == '\t' || c == '\f' || (c == '\u000B' && sawNewline)) {
        i++;
      } else if (c == '-' && charAt(i + 1) == '-') {
        while (i < text.length() && !isNewline(text.charAt(i))) {
          i++;
        }
      } else {
        return c == '\'' && sawNewline ? i : -1;
      }
    }
    return -1;
  }
}
