package dev.hyperdrive.cache;

/**
 * Finds what makes a read statement's answer change from call to call: function calls that are not
 * IMMUTABLE, the SQL-standard clock and session keywords, TABLESAMPLE, and literals like
 * {@code 'now'}.
 *
 * <p>Not inspected, by design: operators, casts and AT TIME ZONE (their functions depend on settings
 * such as TimeZone, which the cache key covers) and views (a view calling {@code now()} is not visible in the
 * query text; the cache's max_age bounds how stale such an answer gets).
 */
final class VolatilityScanner {
  private final FunctionVolatility functions;

  VolatilityScanner(FunctionVolatility functions) {
    this.functions = functions;
  }

  /** Why the statement is volatile, or null when everything in it is immutable. */
  String firstVolatileElement(StatementTokens statement) {
    boolean repeatableSample = statement.containsKeyword("repeatable");
    for (int i = 0; i < statement.size(); i++) {
      Token token = statement.get(i);
      if (token.kind() == TokenKind.STRING
          && SqlWords.MOVING_DATETIME_LITERALS.contains(SqlLexer.foldCase(token.value().strip()))) {
        return "the literal '" + token.value().strip() + "' reads the clock when cast to a date/time type";
      }
      String keyword = statement.keywordAt(i);
      if (keyword != null && SqlWords.VOLATILE_KEYWORDS.contains(keyword)) {
        return keyword.toUpperCase(java.util.Locale.ROOT) + " reads the clock or the session";
      }
      if ("tablesample".equals(keyword) && !repeatableSample) {
        return "TABLESAMPLE without REPEATABLE picks different rows each time";
      }
      String volatileCall = volatileCallAt(statement, i);
      if (volatileCall != null) {
        return volatileCall;
      }
    }
    return null;
  }

  private String volatileCallAt(StatementTokens statement, int index) {
    Token name = statement.get(index);
    if (!name.isName() || !statement.isKind(index + 1, TokenKind.LEFT_PAREN)) {
      return null;
    }
    String functionName = calledFunction(statement, index);
    if (functionName == null || isAliasOrTypeModifier(statement, index)) {
      return null;
    }
    String schema = statement.isKind(index - 1, TokenKind.DOT) && statement.at(index - 2) != null
        && statement.get(index - 2).isName() ? statement.get(index - 2).value() : null;
    Volatility volatility = functions.volatility(schema, functionName);
    if (volatility.cacheable()) {
      return null;
    }
    String qualified = schema == null ? functionName : schema + "." + functionName;
    return "calls " + qualified + "() which is " + volatility;
  }

  /** The pg_proc name a {@code name(} calls, or null when the word opens syntax rather than a call. */
  private static String calledFunction(StatementTokens statement, int index) {
    String keyword = statement.keywordAt(index);
    if (keyword == null || statement.isKind(index - 1, TokenKind.DOT)) {
      return statement.get(index).value();
    }
    if ("for".equals(keyword) && statement.isKeyword(index - 1, "collation")) {
      return "pg_collation_for"; // COLLATION FOR (expr)
    }
    if (SqlWords.NOT_FUNCTION_NAMES.contains(keyword)) {
      return null;
    }
    return SqlWords.KEYWORD_FUNCTIONS.getOrDefault(keyword, keyword);
  }

  /**
   * {@code ::numeric(10,2)}, {@code AS t(a, b)}, {@code FROM f() g(n)}, {@code "T" x(a)},
   * {@code WITH t(n) AS (...)} and {@code TABLESAMPLE bernoulli (5)}: a name before a parenthesis
   * that names a type, columns or a sampling method (TABLESAMPLE is judged on its own).
   */
  private static boolean isAliasOrTypeModifier(StatementTokens statement, int index) {
    Token previous = statement.at(index - 1);
    if (previous != null) {
      TokenKind kind = previous.kind();
      if (kind == TokenKind.TYPECAST || kind == TokenKind.RIGHT_PAREN || kind == TokenKind.QUOTED_IDENTIFIER
          || statement.isKeyword(index - 1, "as") || statement.isKeyword(index - 1, "tablesample")) {
        return true;
      }
    }
    int close = statement.matchingClose(index + 1);
    return statement.isKeyword(close + 1, "as")
        && (statement.isKind(close + 2, TokenKind.LEFT_PAREN)
            || statement.isKeyword(close + 2, "materialized")
            || statement.isKeyword(close + 2, "not"));
  }
}
