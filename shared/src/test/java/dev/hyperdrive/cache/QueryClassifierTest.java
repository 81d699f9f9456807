package dev.hyperdrive.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every case of {@code classifier-cases.tsv} through a classifier backed by PostgreSQL 17's catalog. */
class QueryClassifierTest {

  /** The origin's own functions, as {@code CatalogFunctionVolatility.CATALOG_QUERY} would return them. */
  static final List<FunctionRow> USER_FUNCTIONS = List.of(
      FunctionRow.of("public", "price_with_tax", 'i'),
      FunctionRow.of("public", "current_exchange_rate", 's'),
      FunctionRow.of("public", "log_access", 'v'),
      FunctionRow.of("app", "slugify", 'i'),
      FunctionRow.of("app", "normalize_name", 'i'),
      FunctionRow.of("app", "normalize_name", 'v'),
      FunctionRow.of("public", "TitleCase", 'i'),
      FunctionRow.of("analytics", "now", 'i'),
      FunctionRow.of("public", "only_in_two_schemas", 'v'),
      FunctionRow.of("reporting", "only_in_two_schemas", 'i'),
      FunctionRow.of("my schema", "My Func", 'v'),
      FunctionRow.of("my schema", "Pure Func", 'i'));

  private static final int MAX_QUERY_LENGTH = 4096;
  private static final QueryClassifier CLASSIFIER = new QueryClassifier(catalog(), MAX_QUERY_LENGTH);

  record Case(int line, String expected, String context, String sql) {
    @Override
    public String toString() {
      return "line " + line + ": " + expected + " [" + context + "] " + sql.replace("\n", "⏎");
    }
  }

  static CatalogFunctionVolatility catalog() {
    List<FunctionRow> rows = new ArrayList<>(CatalogFunctionVolatility.builtinRows());
    rows.addAll(USER_FUNCTIONS);
    return CatalogFunctionVolatility.fromRows(rows);
  }

  static List<Case> cases() throws IOException {
    List<Case> cases = new ArrayList<>();
    try (InputStream in = QueryClassifierTest.class.getResourceAsStream("classifier-cases.tsv");
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] fields = line.split("\t", 3);
        if (fields.length != 3) {
          throw new IllegalStateException("classifier-cases.tsv:" + number + ": expected 3 tab-separated fields");
        }
        cases.add(new Case(number, fields[0], fields[1], fields[2].replace("⏎", "\n").replace("⇥", "\t")));
      }
    }
    return cases;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void classifiesAsTheTableSays(Case testCase) {
    Classification classification = CLASSIFIER.classify(testCase.sql(), context(testCase.context()));

    assertThat(describe(classification)).as("%s%nreason: %s", testCase, reason(classification))
        .isEqualTo(testCase.expected());
  }

  @Test
  void theTableIsLargeAndCoversEveryStatusTheClassifierDecides() throws IOException {
    List<Case> cases = cases();
    Set<String> expected = cases.stream().map(Case::expected).collect(Collectors.toSet());
    Set<String> decidable = EnumSet.complementOf(EnumSet.of(CacheStatus.HIT, CacheStatus.MISS,
            CacheStatus.OVERSIZED_RESULT, CacheStatus.OVERSIZED_QUERY))
        .stream().map(CacheStatus::wireName).collect(Collectors.toSet());

    assertThat(cases).hasSizeGreaterThanOrEqualTo(150);
    assertThat(expected).contains("cacheable").containsAll(decidable);
  }

  @Test
  void aQueryLongerThanTheLimitIsOversizedBeforeItIsLexed() {
    QueryClassifier small = new QueryClassifier(catalog(), 20);

    assertThat(small.classify("SELECT 1 FROM t1234567", QueryContext.DEFAULT))
        .isEqualTo(new Classification.Bypass(CacheStatus.OVERSIZED_QUERY, "query of 22 characters exceeds 20"));
    assertThat(small.classify("SELECT 'unterminated and long", QueryContext.DEFAULT).cacheable()).isFalse();
    assertThat(describe(small.classify("SELECT 'unterminated and long", QueryContext.DEFAULT))).isEqualTo("oversizedquery");
    assertThat(small.classify("SELECT 1 FROM t12345", QueryContext.DEFAULT)).isEqualTo(Classification.Cacheable.INSTANCE);
  }

  @Test
  void reasonsNameTheOffendingFunctionOrClause() {
    assertThat(reason(CLASSIFIER.classify("SELECT public.log_access(1)", QueryContext.DEFAULT)))
        .isEqualTo("calls public.log_access() which is VOLATILE");
    assertThat(reason(CLASSIFIER.classify("SELECT now()", QueryContext.DEFAULT))).isEqualTo("calls now() which is STABLE");
    assertThat(reason(CLASSIFIER.classify("SELECT nope()", QueryContext.DEFAULT))).isEqualTo("calls nope() which is UNKNOWN");
    assertThat(reason(CLASSIFIER.classify("SELECT * FROM t FOR NO KEY UPDATE", QueryContext.DEFAULT)))
        .isEqualTo("locking clause FOR NO KEY UPDATE must reach the origin");
  }

  @Test
  void withoutACatalogEveryCallIsVolatileButPlainReadsStillCache() {
    QueryClassifier noCatalog = new QueryClassifier((schema, name) -> Volatility.UNKNOWN, MAX_QUERY_LENGTH);

    assertThat(describe(noCatalog.classify("SELECT lower(name) FROM users", QueryContext.DEFAULT))).isEqualTo("volatile");
    assertThat(describe(noCatalog.classify("SELECT name FROM users WHERE id = $1", QueryContext.DEFAULT))).isEqualTo("cacheable");
  }

  private static QueryContext context(String name) {
    switch (name) {
      case "-":
        return QueryContext.DEFAULT;
      case "tx":
        return QueryContext.DEFAULT.inTransaction(true);
      case "disabled":
        return QueryContext.DEFAULT.withCachingEnabled(false);
      case "noscs":
        return QueryContext.DEFAULT.withStandardConformingStrings(false);
      default:
        throw new IllegalArgumentException("unknown context " + name);
    }
  }

  private static String describe(Classification classification) {
    return classification instanceof Classification.Bypass bypass ? bypass.status().wireName() : "cacheable";
  }

  private static String reason(Classification classification) {
    return classification instanceof Classification.Bypass bypass ? bypass.reason() : "-";
  }
}
