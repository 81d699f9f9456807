package dev.hyperdrive.endpoint.session;

import dev.hyperdrive.cache.Token;
import dev.hyperdrive.cache.TokenKind;
import java.util.List;

/** The tokens of one statement of a SQL text, with the span of text they cover. */
record SqlStatement(String sql, List<Token> tokens) {

  SqlStatement {
    tokens = List.copyOf(tokens);
  }

  int start() {
    return tokens.get(0).position();
  }

  int end() {
    return tokens.get(tokens.size() - 1).end();
  }

  /** The statement's own text, comments inside it included. */
  String text() {
    return sql.substring(start(), end());
  }

  int size() {
    return tokens.size();
  }

  /** The token at {@code index}, or null past the end. */
  Token at(int index) {
    return index >= 0 && index < tokens.size() ? tokens.get(index) : null;
  }

  /** True if the token at {@code index} is the unquoted word {@code lowerCaseWord}. */
  boolean isWord(int index, String lowerCaseWord) {
    Token token = at(index);
    return token != null && token.isWord(lowerCaseWord);
  }

  boolean isKind(int index, TokenKind kind) {
    Token token = at(index);
    return token != null && token.kind() == kind;
  }

  /** The lower-cased unquoted word at {@code index}, or null. */
  String word(int index) {
    Token token = at(index);
    return token != null && token.kind() == TokenKind.IDENTIFIER ? token.value() : null;
  }

  /** Source text from the token at {@code index} to the end of the statement. */
  String textFrom(int index) {
    return sql.substring(tokens.get(index).position(), end());
  }

  /** Index of the first of {@code words} (in order, adjacent) at or after {@code from}, or -1. */
  int find(int from, String... words) {
    for (int i = Math.max(from, 0); i + words.length <= tokens.size(); i++) {
      boolean all = true;
      for (int j = 0; j < words.length && all; j++) {
        all = isWord(i + j, words[j]);
      }
      if (all) {
        return i;
      }
    }
    return -1;
  }
}
