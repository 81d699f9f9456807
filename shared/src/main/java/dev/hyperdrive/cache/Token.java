package dev.hyperdrive.cache;

import java.util.Objects;

/**
 * One lexical token of a SQL text.
 *
 * @param kind what the token is
 * @param text the exact source characters, prefixes and quotes included
 * @param value what the token means: identifiers folded to lower case, quoted identifiers and strings
 *     with quotes removed and escapes resolved; otherwise the same as {@code text}
 * @param position the index of the token's first character in the SQL text
 */
public record Token(TokenKind kind, String text, String value, int position) {

  public Token {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(value, "value");
  }

  /** True for an unquoted identifier spelling {@code lowerCaseWord}, which is how keywords appear. */
  public boolean isWord(String lowerCaseWord) {
    return kind == TokenKind.IDENTIFIER && value.equals(lowerCaseWord);
  }

  /** True for an identifier, quoted or not. */
  public boolean isName() {
    return kind == TokenKind.IDENTIFIER || kind == TokenKind.QUOTED_IDENTIFIER;
  }

  /** The index just past the token's last character. */
  public int end() {
    return position + text.length();
  }
}
