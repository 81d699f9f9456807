package dev.hyperdrive.cache;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * The tokens of one statement, with the two facts the classifier asks about every token: is it a
 * keyword here, and where does this parenthesis close.
 */
final class StatementTokens {
  private final List<Token> tokens;
  private final int[] matchingClose;
  private final String structuralProblem;

  StatementTokens(List<Token> tokens) {
    this.tokens = tokens;
    this.matchingClose = new int[tokens.size()];
    Arrays.fill(matchingClose, -1);
    this.structuralProblem = matchBrackets();
  }

  int size() {
    return tokens.size();
  }

  Token get(int index) {
    return tokens.get(index);
  }

  /** The token at {@code index}, or null past either end. */
  Token at(int index) {
    return index >= 0 && index < tokens.size() ? tokens.get(index) : null;
  }

  /**
   * The lower-case word at {@code index} when it can be a keyword there: an unquoted identifier that
   * is not part of a qualified name ({@code t.update} and {@code "update"} are column names).
   */
  String keywordAt(int index) {
    Token token = at(index);
    if (token == null || token.kind() != TokenKind.IDENTIFIER) {
      return null;
    }
    Token previous = at(index - 1);
    Token next = at(index + 1);
    boolean qualified = (previous != null && previous.kind() == TokenKind.DOT)
        || (next != null && next.kind() == TokenKind.DOT);
    return qualified ? null : token.value();
  }

  boolean isKind(int index, TokenKind kind) {
    Token token = at(index);
    return token != null && token.kind() == kind;
  }

  boolean isKeyword(int index, String lowerCaseWord) {
    return lowerCaseWord.equals(keywordAt(index));
  }

  boolean containsKeyword(String lowerCaseWord) {
    for (int i = 0; i < tokens.size(); i++) {
      if (isKeyword(i, lowerCaseWord)) {
        return true;
      }
    }
    return false;
  }

  /** Index of the {@code )} closing the {@code (} at {@code openIndex}. */
  int matchingClose(int openIndex) {
    return matchingClose[openIndex];
  }

  /** Why the statement cannot be valid SQL (stray character, unbalanced brackets), or null. */
  String structuralProblem() {
    return structuralProblem;
  }

  private String matchBrackets() {
    Deque<Integer> open = new ArrayDeque<>();
    for (int i = 0; i < tokens.size(); i++) {
      switch (tokens.get(i).kind()) {
        case UNEXPECTED:
          return "unexpected character " + tokens.get(i).text() + " at position " + tokens.get(i).position();
        case LEFT_PAREN:
        case LEFT_BRACKET:
          open.push(i);
          break;
        case RIGHT_PAREN:
        case RIGHT_BRACKET:
          if (open.isEmpty() || !closes(tokens.get(open.peek()).kind(), tokens.get(i).kind())) {
            return "unbalanced " + tokens.get(i).text() + " at position " + tokens.get(i).position();
          }
          matchingClose[open.pop()] = i;
          break;
        default:
          break;
      }
    }
    return open.isEmpty() ? null : "unclosed " + tokens.get(open.peek()).text() + " at position " + tokens.get(open.peek()).position();
  }

  private static boolean closes(TokenKind opening, TokenKind closing) {
    return (opening == TokenKind.LEFT_PAREN && closing == TokenKind.RIGHT_PAREN)
        || (opening == TokenKind.LEFT_BRACKET && closing == TokenKind.RIGHT_BRACKET);
  }
}
