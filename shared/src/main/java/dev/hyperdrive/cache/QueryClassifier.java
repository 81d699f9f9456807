package dev.hyperdrive.cache;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides, from the query text alone, whether a cache tier may answer a query, or which
 * {@link CacheStatus} it bypasses the cache with. Both tiers use it (the edge before relaying, the
 * endpoint before forwarding to the origin), so they always agree.
 *
 * <p>Cacheable means: caching is enabled, the text is short enough to key on, it lexes as SQL, it is
 * exactly one statement, that statement only reads (SELECT, VALUES, TABLE or WITH without
 * INSERT/UPDATE/DELETE/MERGE, and no SELECT ... INTO), takes no row locks, calls no function that is
 * not IMMUTABLE, and the session is not inside an explicit transaction. The checks run in the order of
 * the statuses in {@link #classify}, so every query gets exactly one status.
 *
 * <p>Thread-safe.
 */
public final class QueryClassifier {
  private static final SqlLexer BACKSLASH_ESCAPING_LEXER = new SqlLexer(false);

  private final StatementClassifier statementClassifier;
  private final int maxQueryLength;

  /**
   * @param functions the volatility of the functions a query may call; unknown functions count as volatile
   * @param maxQueryLength longer query texts (in characters) are {@code oversizedquery}
   */
  public QueryClassifier(FunctionVolatility functions, int maxQueryLength) {
    if (maxQueryLength < 1) {
      throw new IllegalArgumentException("maxQueryLength must be positive, got " + maxQueryLength);
    }
    this.statementClassifier = new StatementClassifier(functions);
    this.maxQueryLength = maxQueryLength;
  }

  /**
   * Classifies one query string (a Simple Query's text or a Parse's query). Statuses, checked in this
   * order: {@code disabled}, {@code oversizedquery}, {@code parseerror}, {@code notaquery} (empty),
   * {@code multiplestatements}, then for the single statement {@code parseerror} (unbalanced
   * brackets), {@code notaquery}, {@code uncacheable} (locking clause), {@code volatile}, and last
   * {@code transaction}: a statement that would be cacheable outside a transaction.
   */
  public Classification classify(String sql, QueryContext context) {
    if (!context.cachingEnabled()) {
      return new Classification.Bypass(CacheStatus.DISABLED, "caching is disabled for this database");
    }
    if (sql.length() > maxQueryLength) {
      return new Classification.Bypass(CacheStatus.OVERSIZED_QUERY,
          "query of " + sql.length() + " characters exceeds " + maxQueryLength);
    }
    List<Token> tokens;
    try {
      tokens = (context.standardConformingStrings() ? SqlLexer.STANDARD : BACKSLASH_ESCAPING_LEXER).tokenize(sql);
    } catch (SqlLexException e) {
      return new Classification.Bypass(CacheStatus.PARSE_ERROR, e.getMessage());
    }
    List<StatementTokens> statements = splitStatements(tokens);
    if (statements.isEmpty()) {
      return new Classification.Bypass(CacheStatus.NOT_A_QUERY, "empty query");
    }
    if (statements.size() > 1) {
      return new Classification.Bypass(CacheStatus.MULTIPLE_STATEMENTS, statements.size() + " statements");
    }
    Classification classification = statementClassifier.classify(statements.get(0));
    if (classification.cacheable() && context.inExplicitTransaction()) {
      return new Classification.Bypass(CacheStatus.TRANSACTION, "inside an explicit transaction");
    }
    return classification;
  }

  /** Statements separated by semicolons; empty ones ({@code ;;}, a trailing {@code ;}) do not count. */
  private static List<StatementTokens> splitStatements(List<Token> tokens) {
    List<StatementTokens> statements = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= tokens.size(); i++) {
      if (i == tokens.size() || tokens.get(i).kind() == TokenKind.SEMICOLON) {
        if (i > start) {
          statements.add(new StatementTokens(tokens.subList(start, i)));
        }
        start = i + 1;
      }
    }
    return statements;
  }
}
