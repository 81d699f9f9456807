package dev.hyperdrive.cache;

import java.util.ArrayList;
import java.util.List;

/**
 * A hand-written lexer for PostgreSQL's SQL, following the server's own lexical rules
 * (<a href="https://www.postgresql.org/docs/current/sql-syntax-lexical.html">SQL Syntax: Lexical
 * Structure</a> and scan.l): nested comments, every string-constant form, dollar quotes, quoted
 * identifiers, numbers with trailing-junk checks, operators, parameters and casts. It knows nothing
 * of the grammar; callers such as {@link QueryClassifier} read meaning from the tokens.
 *
 * <p>Thread-safe and stateless apart from its setting.
 */
public final class SqlLexer {

  /** Lexes as a session with {@code standard_conforming_strings = on}, the default since 9.1. */
  public static final SqlLexer STANDARD = new SqlLexer(true);

  private final boolean standardConformingStrings;

  /**
   * @param standardConformingStrings the session's setting: when off, backslashes escape in plain
   *     {@code '...'} strings too
   */
  public SqlLexer(boolean standardConformingStrings) {
    this.standardConformingStrings = standardConformingStrings;
  }

  /** All tokens of {@code sql}, without whitespace and comments. */
  public List<Token> tokenize(String sql) throws SqlLexException {
    SourceCursor cursor = new SourceCursor(sql);
    QuotedTextScanner quoted = new QuotedTextScanner(cursor, standardConformingStrings);
    List<Token> tokens = new ArrayList<>();
    while (true) {
      cursor.skipWhitespaceAndComments();
      if (cursor.atEnd()) {
        return tokens;
      }
      tokens.add(next(cursor, quoted));
    }
  }

  /** ASCII-only lower-casing, as PostgreSQL folds unquoted identifiers in a UTF-8 database. */
  public static String foldCase(String identifier) {
    StringBuilder folded = null;
    for (int i = 0; i < identifier.length(); i++) {
      char c = identifier.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        if (folded == null) {
          folded = new StringBuilder(identifier);
        }
        folded.setCharAt(i, (char) (c + ('a' - 'A')));
      }
    }
    return folded == null ? identifier : folded.toString();
  }

  private static Token next(SourceCursor cursor, QuotedTextScanner quoted) throws SqlLexException {
    int start = cursor.pos;
    int c = cursor.peek(0);
    Token prefixed = prefixedQuote(cursor, quoted);
    if (prefixed != null) {
      return prefixed;
    }
    if (SourceCursor.isIdentifierStart(c)) {
      return identifier(cursor);
    }
    if (SourceCursor.isDigit(c) || (c == '.' && SourceCursor.isDigit(cursor.peek(1)))) {
      return NumberScanner.number(cursor);
    }
    if (SourceCursor.isOperatorChar(c)) {
      return operator(cursor);
    }
    cursor.pos++;
    switch (c) {
      case '$':
        return dollar(cursor, quoted, start);
      case ':':
        return colon(cursor, start);
      case '.':
        if (cursor.peek(0) == '.') {
          cursor.pos++;
          return cursor.token(TokenKind.DOT_DOT, start);
        }
        return cursor.token(TokenKind.DOT, start);
      case '(': return cursor.token(TokenKind.LEFT_PAREN, start);
      case ')': return cursor.token(TokenKind.RIGHT_PAREN, start);
      case '[': return cursor.token(TokenKind.LEFT_BRACKET, start);
      case ']': return cursor.token(TokenKind.RIGHT_BRACKET, start);
      case ',': return cursor.token(TokenKind.COMMA, start);
      case ';': return cursor.token(TokenKind.SEMICOLON, start);
      default:
        if (Character.isHighSurrogate((char) c) && Character.isLowSurrogate((char) cursor.peek(0))) {
          cursor.pos++;
        }
        return cursor.token(TokenKind.UNEXPECTED, start);
    }
  }

  /** Strings and quoted identifiers, with or without an E, N, B, X or U& prefix; null if none starts here. */
  private static Token prefixedQuote(SourceCursor cursor, QuotedTextScanner quoted) throws SqlLexException {
    int start = cursor.pos;
    int c = cursor.peek(0);
    int next = cursor.peek(1);
    if (c == '\'') {
      return quoted.string(start, start, QuotedTextScanner.StringStyle.PLAIN);
    }
    if (c == '"') {
      return quoted.quotedIdentifier(start, start, false);
    }
    if (next == '\'') {
      switch (c) {
        case 'e': case 'E': return quoted.string(start, start + 1, QuotedTextScanner.StringStyle.ESCAPE);
        case 'n': case 'N': return quoted.string(start, start + 1, QuotedTextScanner.StringStyle.NATIONAL);
        case 'b': case 'B': case 'x': case 'X': return quoted.string(start, start + 1, QuotedTextScanner.StringStyle.BIT);
        default: return null;
      }
    }
    if ((c == 'u' || c == 'U') && next == '&') {
      if (cursor.peek(2) == '\'') {
        return quoted.string(start, start + 2, QuotedTextScanner.StringStyle.UNICODE);
      }
      if (cursor.peek(2) == '"') {
        return quoted.quotedIdentifier(start, start + 2, true);
      }
    }
    return null;
  }

  private static Token identifier(SourceCursor cursor) {
    int start = cursor.pos;
    while (SourceCursor.isIdentifierPart(cursor.peek(0))) {
      cursor.pos++;
    }
    return cursor.token(TokenKind.IDENTIFIER, start, foldCase(cursor.text.substring(start, cursor.pos)));
  }

  private static Token dollar(SourceCursor cursor, QuotedTextScanner quoted, int start) throws SqlLexException {
    if (SourceCursor.isDigit(cursor.peek(0))) {
      NumberScanner.digits(cursor, 10);
      NumberScanner.rejectTrailingJunk(cursor, start, "parameter");
      return cursor.token(TokenKind.PARAMETER, start);
    }
    cursor.pos = start;
    Token dollarQuoted = quoted.dollarQuoted();
    if (dollarQuoted != null) {
      return dollarQuoted;
    }
    cursor.pos = start + 1;
    return cursor.token(TokenKind.UNEXPECTED, start);
  }

  private static Token colon(SourceCursor cursor, int start) {
    if (cursor.peek(0) == ':') {
      cursor.pos++;
      return cursor.token(TokenKind.TYPECAST, start);
    }
    if (cursor.peek(0) == '=') {
      cursor.pos++;
      return cursor.token(TokenKind.OPERATOR, start);
    }
    return cursor.token(TokenKind.COLON, start);
  }

  /**
   * The longest run of operator characters, cut where a comment starts, and not ending in + or -
   * unless it contains one of ~ ! @ # % ^ & | ` ? (so {@code a=-1} lexes as {@code =} and {@code -1}).
   */
  private static Token operator(SourceCursor cursor) {
    int start = cursor.pos;
    int end = start;
    while (SourceCursor.isOperatorChar(cursor.charAt(end))) {
      end++;
    }
    String run = cursor.text.substring(start, end);
    int commentAt = firstCommentStart(run);
    int length = commentAt >= 0 ? commentAt : run.length();
    if (length > 1 && isPlusOrMinus(run.charAt(length - 1)) && !containsSpecialOperatorChar(run, length)) {
      do {
        length--;
      } while (length > 1 && isPlusOrMinus(run.charAt(length - 1)));
    }
    cursor.pos = start + length;
    return cursor.token(TokenKind.OPERATOR, start);
  }

  private static int firstCommentStart(String run) {
    int dashes = run.indexOf("--");
    int slashStar = run.indexOf("/*");
    if (dashes < 0) {
      return slashStar;
    }
    return slashStar < 0 ? dashes : Math.min(dashes, slashStar);
  }

  private static boolean isPlusOrMinus(char c) {
    return c == '+' || c == '-';
  }

  private static boolean containsSpecialOperatorChar(String run, int length) {
    for (int i = 0; i < length; i++) {
      if ("~!@#^&|`?%".indexOf(run.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }
}
