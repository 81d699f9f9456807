package dev.hyperdrive.cache;

import java.util.Locale;

/**
 * Classifies one statement's tokens: is it a read at all, does it write or lock, and is anything in
 * it volatile. Reasons are checked in that order, so a statement reports its most fundamental
 * problem (an INSERT calling now() is {@code notaquery}, not {@code volatile}).
 */
final class StatementClassifier {
  private final VolatilityScanner volatilityScanner;

  StatementClassifier(FunctionVolatility functions) {
    this.volatilityScanner = new VolatilityScanner(functions);
  }

  Classification classify(StatementTokens statement) {
    String structuralProblem = statement.structuralProblem();
    if (structuralProblem != null) {
      return new Classification.Bypass(CacheStatus.PARSE_ERROR, structuralProblem);
    }
    int first = 0;
    while (statement.isKind(first, TokenKind.LEFT_PAREN)) {
      first++; // (SELECT 1) UNION (SELECT 2)
    }
    String firstWord = statement.keywordAt(first);
    if (firstWord == null || !SqlWords.READ_STATEMENT_STARTS.contains(firstWord)) {
      return new Classification.Bypass(CacheStatus.NOT_A_QUERY, describe(statement.at(first)) + " is not a read-only query");
    }
    String write = firstWrite(statement);
    if (write != null) {
      return new Classification.Bypass(CacheStatus.NOT_A_QUERY, write);
    }
    String lock = firstLockingClause(statement);
    if (lock != null) {
      return new Classification.Bypass(CacheStatus.UNCACHEABLE, "locking clause " + lock + " must reach the origin");
    }
    String volatileElement = volatilityScanner.firstVolatileElement(statement);
    if (volatileElement != null) {
      return new Classification.Bypass(CacheStatus.VOLATILE, volatileElement);
    }
    return Classification.Cacheable.INSTANCE;
  }

  /** INSERT, UPDATE, DELETE or MERGE anywhere (a data-modifying WITH), or SELECT ... INTO. */
  private static String firstWrite(StatementTokens statement) {
    for (int i = 0; i < statement.size(); i++) {
      String word = statement.keywordAt(i);
      if (word == null) {
        continue;
      }
      boolean lockingUpdate = "update".equals(word) && (statement.isKeyword(i - 1, "for") || statement.isKeyword(i - 1, "key"));
      if (SqlWords.WRITE_WORDS.contains(word) || ("update".equals(word) && !lockingUpdate)) {
        return "contains " + word.toUpperCase(Locale.ROOT) + ", a data-modifying statement";
      }
      if ("into".equals(word)) {
        return "SELECT ... INTO creates a table";
      }
    }
    return null;
  }

  private static String firstLockingClause(StatementTokens statement) {
    for (int i = 0; i < statement.size(); i++) {
      if (statement.isKeyword(i, "for") && isLockingWord(statement.keywordAt(i + 1))) {
        StringBuilder clause = new StringBuilder("FOR");
        for (int j = i + 1; j <= i + 3 && isLockingWord(statement.keywordAt(j)); j++) {
          clause.append(' ').append(statement.keywordAt(j).toUpperCase(Locale.ROOT));
        }
        return clause.toString();
      }
    }
    return null;
  }

  private static boolean isLockingWord(String wordOrNull) {
    return wordOrNull != null && SqlWords.LOCKING_CLAUSE_STARTS.contains(wordOrNull);
  }

  private static String describe(Token token) {
    if (token == null) {
      return "an empty statement";
    }
    if (token.kind() == TokenKind.IDENTIFIER) {
      return token.value().toUpperCase(Locale.ROOT);
    }
    return "a statement starting with " + token.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
