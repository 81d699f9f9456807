package dev.hyperdrive.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The lexer on arbitrary input: it ends, in tokens or its own {@link SqlLexException}, never another
 * exception and never a loop; the tokens it returns are faithful slices of the input.
 */
class SqlLexerProperties {

  /** The characters that switch the lexer's modes, over-represented so generated text hits them. */
  private static final String SQL_SPECIAL = "'\"$-/*\\eEuUxXbBnN&0123456789._;:()[]+<>=!@#%^|`?~ \n\t";

  private static final Duration NO_LOOP_BUDGET = Duration.ofSeconds(5);

  @Property(tries = 2000)
  void anyStringEndsInTokensOrALexError(@ForAll("sqlish") String sql) {
    assertTimeoutPreemptively(NO_LOOP_BUDGET, () -> lexBothWays(sql));
  }

  @Property(tries = 2000)
  void anyUnicodeStringEndsInTokensOrALexError(@ForAll String sql) {
    assertTimeoutPreemptively(NO_LOOP_BUDGET, () -> lexBothWays(sql));
  }

  @Property(tries = 2000)
  void mutatedRealQueriesEndInTokensOrALexError(@ForAll("mutatedQueries") String sql) {
    assertTimeoutPreemptively(NO_LOOP_BUDGET, () -> lexBothWays(sql));
  }

  @Property(tries = 1000)
  void theClassifierGivesEveryStringExactlyOneStatus(@ForAll("mutatedQueries") String sql) {
    QueryClassifier classifier = new QueryClassifier(CatalogFunctionVolatility.builtin(), 100_000);

    Classification classification = assertTimeoutPreemptively(NO_LOOP_BUDGET,
        () -> classifier.classify(sql, QueryContext.DEFAULT));

    assertThat(classification).isNotNull();
  }

  @Property(tries = 3000)
  void theClassifierCopesWithAnySoupOfKeywords(@ForAll("keywordSoup") String sql) {
    QueryClassifier classifier = new QueryClassifier(CatalogFunctionVolatility.builtin(), 100_000);

    assertThat(classifier.classify(sql, QueryContext.DEFAULT)).isNotNull();
  }

  /** Words and punctuation the classifier reasons about, in random order: it must never trip on a neighbour. */
  @Provide
  Arbitrary<String> keywordSoup() {
    List<String> vocabulary = new ArrayList<>(List.of(
        "(", ")", "[", "]", ",", ".", ";", "::", "$1", "'now'", "1", "t", "\"x\"", "now", "f", "=", "*"));
    vocabulary.addAll(SqlWords.READ_STATEMENT_STARTS);
    vocabulary.addAll(SqlWords.WRITE_WORDS);
    vocabulary.addAll(SqlWords.VOLATILE_KEYWORDS);
    vocabulary.addAll(SqlWords.NOT_FUNCTION_NAMES);
    vocabulary.addAll(SqlWords.KEYWORD_FUNCTIONS.keySet());
    vocabulary.addAll(SqlWords.LOCKING_CLAUSE_STARTS);
    vocabulary.addAll(List.of("update", "into", "tablesample", "repeatable", "collation", "materialized", "not"));
    return Arbitraries.of(vocabulary).list().ofMaxSize(12).map(words -> String.join(" ", words));
  }

  @Provide
  Arbitrary<String> sqlish() {
    return Arbitraries.strings().withChars(SQL_SPECIAL).withCharRange('a', 'z').ofMaxLength(80);
  }

  @Provide
  Arbitrary<String> mutatedQueries() {
    Arbitrary<String> queries = Arbitraries.of(realQueries());
    Arbitrary<Integer> cut = Arbitraries.integers().between(0, 1000);
    Arbitrary<String> insertion = Arbitraries.strings().withChars(SQL_SPECIAL).ofMaxLength(3);
    return Combinators.combine(queries, cut, cut, insertion).as((query, at, length, inserted) -> {
      int from = at % (query.length() + 1);
      int to = Math.min(query.length(), from + length % 4);
      return query.substring(0, from) + inserted + query.substring(to);
    });
  }

  private static List<String> realQueries() {
    try {
      return QueryClassifierTest.cases().stream().map(QueryClassifierTest.Case::sql).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void lexBothWays(String sql) {
    lexFaithfully(SqlLexer.STANDARD, sql);
    lexFaithfully(new SqlLexer(false), sql);
  }

  private static void lexFaithfully(SqlLexer lexer, String sql) {
    List<Token> tokens;
    try {
      tokens = lexer.tokenize(sql);
    } catch (SqlLexException e) {
      assertThat(e.position()).isBetween(0, sql.length());
      return;
    }
    int previousEnd = 0;
    for (Token token : tokens) {
      assertThat(token.text()).isNotEmpty();
      assertThat(token.position()).isGreaterThanOrEqualTo(previousEnd);
      assertThat(sql.substring(token.position(), token.end())).isEqualTo(token.text());
      previousEnd = token.end();
    }
  }
}
