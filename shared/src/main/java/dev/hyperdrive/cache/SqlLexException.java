package dev.hyperdrive.cache;

/**
 * A SQL text that PostgreSQL's lexer would reject: an unterminated string, comment, quoted identifier
 * or dollar quote, an invalid escape, or trailing junk after a number. The only exception
 * {@link SqlLexer} throws.
 */
public final class SqlLexException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int position;

  public SqlLexException(String message, int position) {
    super(message + " at position " + position);
    this.position = position;
  }

  /** Index in the SQL text where the offending token starts. */
  public int position() {
    return position;
  }
}
