package dev.hyperdrive.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.cache.CacheStatus;
import dev.hyperdrive.embedded.EmbeddedOrigin;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Repeated parameterized SELECTs through edge and endpoint, sent the way real drivers send them — named
 * statements (postgres.js's default, pgjdbc with prepareThreshold=1) and the unnamed statement bound without
 * its own Parse (postgres.js with prepare:false) — are answered by the edge cache: the origin's
 * pg_stat_statements counts one run per parameter value. Later uses of the same statements that do reach
 * the origin still work, although the origin never saw the Parse the cache answered.
 */
class StatementCacheHitsIT {
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);
  private static OriginStatementCounts counts;
  private static EmbeddedOrigin origin;

  @BeforeAll
  static void startOrigin() throws SQLException {
    counts = OriginStatementCounts.start();
    origin = counts.origin();
    try (Connection c = counts.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE stmt_items (id int PRIMARY KEY, label text)");
      s.execute("INSERT INTO stmt_items VALUES (1, 'one'), (2, 'two')");
      // pg_stat_statements counts by the query's structure, not its aliases: each test reads its own view.
      for (String view : List.of("js_default_items", "js_unprepared_items", "jdbc_named_items", "jdbc_after_close_items")) {
        s.execute("CREATE VIEW " + view + " AS SELECT * FROM stmt_items");
      }
    }
  }

  @AfterAll
  static void stopOrigin() {
    counts.close();
  }

  /** How many times the origin ran {@code SELECT label FROM <view> ...}. */
  private static long originCalls(String view) throws SQLException {
    return counts.calls("SELECT label FROM " + view + " %");
  }

  private static String originStatements() throws SQLException {
    return counts.everything();
  }

  private static final List<String> JS_EXPECTED = List.of(
      "first connection: one", "repeated: one", "repeated: one", "second connection: one", "other value: two",
      "other value on the first connection: two", "first value again: one", "done");

  @Test
  void postgresJsNamedStatementsAreAnsweredFromTheCache() throws Exception {
    assertPostgresJsHits("default", "js_default_items");
  }

  @Test
  void postgresJsUnnamedStatementBoundWithoutParseIsAnsweredFromTheCache() throws Exception {
    assertPostgresJsHits("unprepared", "js_unprepared_items");
  }

  private static void assertPostgresJsHits(String mode, String view) throws Exception {
    Path scripts = DriverToolchain.nodePackages();
    try (RelayStack stack = RelayStack.start(origin, 2)) {
      List<String> command = List.of("node", scripts.resolve("statement-cache.mjs").toString(), stack.url(), mode);
      ExternalCommand run = ExternalCommand.run(command, Map.of("LANG", "C.UTF-8"), RUN_TIMEOUT);
      assertThat(run.stdout().lines().toList()).as("stderr:%n%s", run.stderr()).containsExactlyElementsOf(JS_EXPECTED);
      assertThat(run.exitCode()).isZero();
      // Seven answers, two parameter values: the origin ran each value once. The second connection's type
      // lookup at connect is a hit too.
      assertThat(originCalls(view)).as(originStatements()).isEqualTo(2);
      assertThat(stack.edge().cacheStatistics().count(RelayStack.DATABASE, CacheStatus.HIT)).isEqualTo(6);
    }
  }

  @Test
  void pgjdbcServerPreparedStatementsAreAnsweredFromTheCache() throws Exception {
    String url = "prepareThreshold=1";
    String query = "SELECT label FROM jdbc_named_items WHERE id = ?";
    try (RelayStack stack = RelayStack.start(origin, 2);
         Connection first = DriverManager.getConnection(stack.jdbcUrl(url), RelayStack.USER, RelayStack.PASSWORD);
         Connection second = DriverManager.getConnection(stack.jdbcUrl(url), RelayStack.USER, RelayStack.PASSWORD)) {
      List<String> labels = new ArrayList<>();
      try (PreparedStatement ps = first.prepareStatement(query)) {
        for (int i = 0; i < 4; i++) {
          labels.add(label(ps, 1)); // S_1 prepared with the first execution, bound by name afterwards
        }
      }
      // The second connection's Parse of S_1 is answered from the cache: the origin never sees it ...
      try (PreparedStatement ps = second.prepareStatement(query)) {
        labels.add(label(ps, 1));
        labels.add(label(ps, 1));
        // ... until another value needs the origin: the edge sends the Parse it owes first.
        labels.add(label(ps, 2));
        labels.add(label(ps, 2));
      }
      assertThat(labels).containsExactly("one", "one", "one", "one", "one", "one", "two", "two");
      assertThat(originCalls("jdbc_named_items")).as(originStatements()).isEqualTo(2);
      // Closing the statement (pgjdbc sends Close with its next request) and DEALLOCATE ALL work.
      try (Statement s = second.createStatement()) {
        s.execute("DEALLOCATE ALL");
      }
      try (PreparedStatement ps = second.prepareStatement("SELECT label FROM jdbc_after_close_items WHERE id = ?")) {
        assertThat(label(ps, 2)).isEqualTo("two");
        assertThat(label(ps, 2)).isEqualTo("two");
      }
    }
  }

  private static String label(PreparedStatement ps, int id) throws SQLException {
    ps.setInt(1, id);
    try (ResultSet rs = ps.executeQuery()) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }
}
