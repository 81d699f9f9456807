package dev.hyperdrive.cache;

/**
 * The kinds of token {@link SqlLexer} produces, following PostgreSQL's lexer (scan.l). Whitespace and
 * comments produce no tokens.
 */
public enum TokenKind {
  /** An unquoted name or keyword; its value is folded to lower case as PostgreSQL does. */
  IDENTIFIER,
  /** A {@code "quoted"} or {@code U&"quoted"} name; its value is exact, with escapes resolved. */
  QUOTED_IDENTIFIER,
  /** A character string constant: {@code '...'}, {@code E'...'}, {@code N'...'}, {@code U&'...'} or dollar-quoted. */
  STRING,
  /** A bit string constant: {@code B'0101'} or {@code X'1F'}; its value is the text between the quotes. */
  BIT_STRING,
  /** A numeric constant (integer, decimal, exponent, 0x/0o/0b, with {@code _} separators). */
  NUMBER,
  /** A positional parameter such as {@code $1}. */
  PARAMETER,
  /** An operator: a run of operator characters such as {@code <=}, {@code ||}, {@code ->>}, {@code :=}, {@code =>}. */
  OPERATOR,
  /** {@code ::}, the PostgreSQL cast. */
  TYPECAST,
  LEFT_PAREN,
  RIGHT_PAREN,
  LEFT_BRACKET,
  RIGHT_BRACKET,
  COMMA,
  SEMICOLON,
  DOT,
  /** {@code ..}, used by PL/pgSQL ranges. */
  DOT_DOT,
  /** A single {@code :}, as in array slices. */
  COLON,
  /** A character PostgreSQL's grammar has no use for ({@code \}, {@code {}, a lone {@code $}, ...). */
  UNEXPECTED
}
