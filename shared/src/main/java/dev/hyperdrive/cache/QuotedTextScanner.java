package dev.hyperdrive.cache;

/**
 * Scans the quoted forms of PostgreSQL's lexer: string constants in all their prefixes, dollar quotes
 * and quoted identifiers. See
 * <a href="https://www.postgresql.org/docs/current/sql-syntax-lexical.html">SQL Syntax: Lexical Structure</a>.
 */
final class QuotedTextScanner {

  /** The flavours of {@code '...'} constant, named by their prefix. */
  enum StringStyle {
    /** {@code '...'}: backslash is ordinary unless standard_conforming_strings is off. */
    PLAIN,
    /** {@code E'...'}: backslash escapes. */
    ESCAPE,
    /** {@code N'...'}: a plain string of the national character type. */
    NATIONAL,
    /** {@code U&'...'}: Unicode escapes, optionally with a UESCAPE clause. */
    UNICODE,
    /** {@code B'...'} and {@code X'...'}: bit strings. */
    BIT
  }

  private final SourceCursor cursor;
  private final boolean standardConformingStrings;

  QuotedTextScanner(SourceCursor cursor, boolean standardConformingStrings) {
    this.cursor = cursor;
    this.standardConformingStrings = standardConformingStrings;
  }

  /** Scans a string constant whose opening quote is at {@code quoteAt}; the token starts at {@code start}. */
  Token string(int start, int quoteAt, StringStyle style) throws SqlLexException {
    boolean backslashes = style == StringStyle.ESCAPE || (style == StringStyle.PLAIN && !standardConformingStrings);
    StringBuilder raw = new StringBuilder();
    int segmentQuote = quoteAt;
    while (true) {
      int close = closingQuote(segmentQuote + 1, '\'', backslashes, start);
      raw.append(cursor.text, segmentQuote + 1, close);
      cursor.pos = close + 1;
      segmentQuote = cursor.continuationQuote(cursor.pos);
      if (segmentQuote < 0) {
        break;
      }
    }
    String content = raw.toString();
    switch (style) {
      case BIT:
        return cursor.token(TokenKind.BIT_STRING, start, EscapeDecoder.undouble(content, '\''));
      case UNICODE:
        return unicode(TokenKind.STRING, start, EscapeDecoder.undouble(content, '\''));
      default:
        String value = backslashes
            ? EscapeDecoder.backslashEscapes(content, start)
            : EscapeDecoder.undouble(content, '\'');
        return cursor.token(TokenKind.STRING, start, value);
    }
  }

  /** Scans {@code "name"} (or {@code U&"name"} when {@code unicode}) whose quote is at {@code quoteAt}. */
  Token quotedIdentifier(int start, int quoteAt, boolean unicode) throws SqlLexException {
    int close = closingQuote(quoteAt + 1, '"', false, start);
    String content = EscapeDecoder.undouble(cursor.text.substring(quoteAt + 1, close), '"');
    cursor.pos = close + 1;
    if (content.isEmpty()) {
      throw cursor.error("zero-length delimited identifier", start);
    }
    return unicode ? unicode(TokenKind.QUOTED_IDENTIFIER, start, content) : cursor.token(TokenKind.QUOTED_IDENTIFIER, start, content);
  }

  /**
   * Scans {@code $tag$...$tag$} at the cursor, or returns null (cursor unmoved) when the {@code $} does
   * not open a dollar quote.
   */
  Token dollarQuoted() throws SqlLexException {
    int start = cursor.pos;
    int tagEnd = start + 1;
    if (SourceCursor.isIdentifierStart(cursor.charAt(tagEnd))) {
      while (SourceCursor.isIdentifierStart(cursor.charAt(tagEnd)) || SourceCursor.isDigit(cursor.charAt(tagEnd))) {
        tagEnd++;
      }
    }
    if (cursor.charAt(tagEnd) != '$') {
      return null;
    }
    String delimiter = cursor.text.substring(start, tagEnd + 1);
    int close = cursor.text.indexOf(delimiter, tagEnd + 1);
    if (close < 0) {
      throw cursor.error("unterminated dollar-quoted string", start);
    }
    cursor.pos = close + delimiter.length();
    return cursor.token(TokenKind.STRING, start, cursor.text.substring(tagEnd + 1, close));
  }

  /** Index of the quote closing a segment that starts at {@code from}; doubled quotes do not close. */
  private int closingQuote(int from, char quote, boolean backslashes, int tokenStart) throws SqlLexException {
    int i = from;
    while (i < cursor.text.length()) {
      char c = cursor.text.charAt(i);
      if (c == quote) {
        if (cursor.charAt(i + 1) != quote) {
          return i;
        }
        i += 2;
      } else {
        i += backslashes && c == '\\' ? 2 : 1;
      }
    }
    throw cursor.error(quote == '"' ? "unterminated quoted identifier" : "unterminated quoted string", tokenStart);
  }

  /** Decodes a U& constant or identifier, consuming a following {@code UESCAPE 'c'} clause if present. */
  private Token unicode(TokenKind kind, int start, String undoubled) throws SqlLexException {
    char escape = '\\';
    int afterLiteral = cursor.pos;
    cursor.skipWhitespaceAndComments();
    if (atWord("uescape")) {
      cursor.pos += "uescape".length();
      cursor.skipWhitespaceAndComments();
      escape = escapeCharacter(start);
    } else {
      cursor.pos = afterLiteral;
    }
    return cursor.token(kind, start, EscapeDecoder.unicodeEscapes(undoubled, escape, start));
  }

  private char escapeCharacter(int tokenStart) throws SqlLexException {
    if (cursor.peek(0) != '\'' || cursor.peek(1) == SourceCursor.END || cursor.peek(2) != '\'') {
      throw cursor.error("UESCAPE must be followed by a simple string literal", cursor.pos);
    }
    char escape = (char) cursor.peek(1);
    if (Character.digit(escape, 16) >= 0 || "+'\" \t\n\r\f\u000B".indexOf(escape) >= 0) {
      throw cursor.error("invalid Unicode escape character", tokenStart);
    }
    cursor.pos += 3;
    return escape;
  }

  private boolean atWord(String lowerCaseWord) {
    int end = cursor.pos + lowerCaseWord.length();
    return end <= cursor.text.length()
        && SqlLexer.foldCase(cursor.text.substring(cursor.pos, end)).equals(lowerCaseWord)
        && !SourceCursor.isIdentifierPart(cursor.charAt(end));
  }
}
