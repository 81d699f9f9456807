package dev.hyperdrive.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.cache.CacheStatus;
import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.testing.ManualClock;
import dev.hyperdrive.testing.PostgresExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The edge cache tier with pgjdbc through edge and endpoint in front of the real PostgreSQL.
 *
 * <p>How we know whether the origin was asked: the views {@code cache_probe} and {@code cache_slow_probe}
 * call a VOLATILE function that takes the next value of the sequence {@code cache_runs}. The classifier
 * cannot see functions behind a view (a documented limit), so queries on them are cached; every time the
 * origin really runs one, the sequence moves, and each answer carries the run number it was made by.
 */
@ExtendWith(PostgresExtension.class)
class EdgeCacheIT {
  private static final String DATABASE = RelayStack.DATABASE;
  private static EmbeddedOrigin origin;

  @BeforeAll
  static void createProbes(EmbeddedOrigin embedded) throws SQLException {
    origin = embedded;
    try (Connection c = DriverManager.getConnection(origin.jdbcUrl(), origin.user(), origin.password());
         Statement s = c.createStatement()) {
      s.execute("DROP VIEW IF EXISTS cache_probe, cache_slow_probe");
      s.execute("DROP FUNCTION IF EXISTS cache_origin_run(), cache_slow_origin_run()");
      s.execute("DROP SEQUENCE IF EXISTS cache_runs");
      s.execute("DROP TABLE IF EXISTS cache_items, cache_big");
      s.execute("CREATE SEQUENCE cache_runs");
      s.execute("CREATE FUNCTION cache_origin_run() RETURNS bigint LANGUAGE sql VOLATILE AS $$ SELECT nextval('cache_runs') $$");
      s.execute("CREATE FUNCTION cache_slow_origin_run() RETURNS bigint LANGUAGE plpgsql VOLATILE AS "
          + "$$ BEGIN PERFORM pg_sleep(0.5); RETURN nextval('cache_runs'); END $$");
      s.execute("CREATE VIEW cache_probe AS SELECT cache_origin_run() AS run");
      s.execute("CREATE VIEW cache_slow_probe AS SELECT cache_slow_origin_run() AS run");
      s.execute("CREATE TABLE cache_items (id int PRIMARY KEY, name text)");
      s.execute("CREATE TABLE cache_big AS SELECT g AS id, repeat('x', 100) AS pad FROM generate_series(1, 1000) g");
    }
  }

  /** How many times the origin has run a probe query so far. */
  private static long originRuns() throws SQLException {
    try (Connection c = DriverManager.getConnection(origin.jdbcUrl(), origin.user(), origin.password());
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM cache_runs")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long queryLong(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long probeWithParameter(Connection c, int parameter) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT run, ?::int AS n FROM cache_probe")) {
      ps.setInt(1, parameter);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertThat(rs.getInt(2)).isEqualTo(parameter);
        return rs.getLong(1);
      }
    }
  }

  private static long status(RelayStack stack, CacheStatus status) {
    return stack.edge().cacheStatistics().count(DATABASE, status);
  }

  @Test
  void repeatedReadsAreAnsweredAtTheEdgeWithoutAskingTheOrigin() throws Exception {
    try (RelayStack stack = RelayStack.start(origin, 2);
         Connection extended = stack.connect();
         Connection other = stack.connect();
         Connection simple = DriverManager.getConnection(stack.jdbcUrl("preferQueryMode=simple"),
             RelayStack.USER, RelayStack.PASSWORD)) {
      long before = originRuns();
      // The extended protocol with a parameter: one origin run, then hits, in this session and another.
      long run = probeWithParameter(extended, 7);
      for (int i = 0; i < 4; i++) {
        assertThat(probeWithParameter(extended, 7)).isEqualTo(run);
      }
      assertThat(probeWithParameter(other, 7)).isEqualTo(run);
      assertThat(originRuns()).isEqualTo(before + 1);
      // Another parameter value is another entry.
      assertThat(probeWithParameter(extended, 8)).isNotEqualTo(run);
      assertThat(originRuns()).isEqualTo(before + 2);
      // The simple protocol.
      long simpleRun = queryLong(simple, "SELECT run FROM cache_probe");
      assertThat(queryLong(simple, "SELECT run FROM cache_probe")).isEqualTo(simpleRun);
      assertThat(originRuns()).isEqualTo(before + 3);
      assertThat(status(stack, CacheStatus.HIT)).isEqualTo(6);
      assertThat(status(stack, CacheStatus.MISS)).isEqualTo(3);
    }
  }

  @Test
  void namedServerPreparedStatementsAreCachedToo() throws Exception {
    try (RelayStack stack = RelayStack.start(origin, 2);
         Connection named = DriverManager.getConnection(stack.jdbcUrl("prepareThreshold=1"),
             RelayStack.USER, RelayStack.PASSWORD)) {
      long before = originRuns();
      // The first execution prepares S_1 (it must reach the origin); the second binds it and is stored.
      try (PreparedStatement ps = named.prepareStatement("SELECT run, ?::int AS n FROM cache_probe")) {
        List<Long> runs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
          ps.setInt(1, 11);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            runs.add(rs.getLong(1));
          }
        }
        assertThat(originRuns() - before).isLessThanOrEqualTo(2);
        assertThat(runs.subList(2, 6)).containsOnly(runs.get(1));
      }
    }
  }

  @Test
  void entriesExpireOnTheClockAndStaleOnesAreServedWhileOneRefreshRuns() throws Exception {
    ManualClock clock = new ManualClock();
    String cache = """
        cache:
          max_age: 60s
          stale_while_revalidate: 15s
        """;
    try (RelayStack stack = RelayStack.start(origin, 2, cache, clock); Connection c = stack.connect()) {
      long before = originRuns();
      long first = queryLong(c, "SELECT run FROM cache_probe");
      clock.advance(Duration.ofSeconds(59));
      assertThat(queryLong(c, "SELECT run FROM cache_probe")).as("fresh at 59 s").isEqualTo(first);
      assertThat(originRuns()).isEqualTo(before + 1);

      // Past max_age, within stale_while_revalidate: served stale at once, refreshed in the background.
      clock.advance(Duration.ofSeconds(2));
      assertThat(queryLong(c, "SELECT run FROM cache_probe")).as("stale at 61 s").isEqualTo(first);
      assertThat(queryLong(c, "SELECT run FROM cache_probe")).as("still stale or refreshed")
          .isBetween(first, first + 1);
      waitFor(() -> stack.edge().cacheStatistics().refreshes(DATABASE) == 1);
      assertThat(originRuns()).as("exactly one refresh").isEqualTo(before + 2);
      long refreshed = queryLong(c, "SELECT run FROM cache_probe");
      assertThat(refreshed).isEqualTo(first + 1);
      assertThat(originRuns()).isEqualTo(before + 2);

      // Past both windows: a plain miss.
      clock.advance(Duration.ofSeconds(76));
      assertThat(queryLong(c, "SELECT run FROM cache_probe")).isEqualTo(first + 2);
      assertThat(originRuns()).isEqualTo(before + 3);
      assertThat(stack.edge().cacheStatistics().staleServed(DATABASE)).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void aReadInsideATransactionSeesItsOwnUncommittedWrite() throws Exception {
    try (RelayStack stack = RelayStack.start(origin, 2); Connection c = stack.connect()) {
      String count = "SELECT count(*) FROM cache_items WHERE id = 42";
      assertThat(queryLong(c, count)).isZero();
      assertThat(queryLong(c, count)).as("cached").isZero();
      long hits = status(stack, CacheStatus.HIT);
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("INSERT INTO cache_items VALUES (42, 'mine')");
      }
      assertThat(queryLong(c, count)).as("own uncommitted write").isEqualTo(1);
      c.rollback();
      c.setAutoCommit(true);
      assertThat(status(stack, CacheStatus.TRANSACTION)).isEqualTo(1);
      assertThat(status(stack, CacheStatus.HIT)).isEqualTo(hits);
      assertThat(queryLong(c, count)).isZero();
    }
  }

  @Test
  void oversizedResultsAreReturnedWholeAndNotCached() throws Exception {
    String cache = """
        cache:
          max_cached_result_bytes: 1kB
        """;
    try (RelayStack stack = RelayStack.start(origin, 2, cache, Clock.systemUTC()); Connection c = stack.connect()) {
      long before = originRuns();
      for (int attempt = 0; attempt < 2; attempt++) {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT p.run, b.id, b.pad FROM cache_probe p, cache_big b ORDER BY b.id")) {
          int rows = 0;
          while (rs.next()) {
            rows++;
            assertThat(rs.getInt(2)).isEqualTo(rows);
            assertThat(rs.getString(3)).hasSize(100);
          }
          assertThat(rows).isEqualTo(1000);
        }
      }
      assertThat(originRuns()).isEqualTo(before + 2);
      assertThat(status(stack, CacheStatus.OVERSIZED_RESULT)).isEqualTo(2);
    }
  }

  @Test
  void fiftyConcurrentIdenticalMissesAskTheOriginOnce() throws Exception {
    int clients = 50;
    try (RelayStack stack = RelayStack.start(origin, 4)) {
      List<Connection> connections = new ArrayList<>();
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      try {
        for (int i = 0; i < clients; i++) {
          connections.add(stack.connect());
        }
        long before = originRuns();
        CyclicBarrier start = new CyclicBarrier(clients);
        List<Future<Long>> runs = new ArrayList<>();
        for (Connection c : connections) {
          runs.add(pool.submit(() -> {
            start.await(30, TimeUnit.SECONDS);
            return queryLong(c, "SELECT run FROM cache_slow_probe");
          }));
        }
        List<Long> seen = new ArrayList<>();
        for (Future<Long> run : runs) {
          seen.add(run.get(60, TimeUnit.SECONDS));
        }
        assertThat(originRuns()).as("one origin query for 50 identical misses").isEqualTo(before + 1);
        assertThat(seen).hasSize(clients).containsOnly(before + 1);
        assertThat(status(stack, CacheStatus.MISS)).isEqualTo(1);
        assertThat(status(stack, CacheStatus.HIT)).isEqualTo(clients - 1);
      } finally {
        pool.shutdownNow();
        for (Connection c : connections) {
          c.close();
        }
      }
    }
  }

  @Test
  void volatileQueriesAreNeverCached() throws Exception {
    try (RelayStack stack = RelayStack.start(origin, 2); Connection c = stack.connect()) {
      long before = originRuns();
      for (int i = 1; i <= 3; i++) {
        assertThat(queryLong(c, "SELECT nextval('cache_runs')")).isEqualTo(before + i);
      }
      try (Statement s = c.createStatement()) {
        s.executeQuery("SELECT now()").close();
        s.executeQuery("SELECT random()").close();
      }
      assertThat(status(stack, CacheStatus.VOLATILE)).isEqualTo(5);
      assertThat(status(stack, CacheStatus.HIT)).isZero();
    }
  }

  @Test
  void sessionSettingsArePartOfTheKey() throws Exception {
    // One pooled origin connection, so SETs apply wherever the next query runs even before the endpoint
    // aligns session state across its pool.
    try (RelayStack stack = RelayStack.start(origin, 1);
         Connection plain = stack.connect();
         Connection tokyo = stack.connect();
         Connection alsoTokyo = stack.connect()) {
      String sql = "SELECT p.run, '2020-01-01 00:00:00+00'::timestamptz::text FROM cache_probe p";
      long before = originRuns();
      String plainText = textOf(plain, sql);
      execute(tokyo, "SET TimeZone = 'Asia/Tokyo'");
      assertThat(textOf(tokyo, sql)).isEqualTo("2020-01-01 09:00:00+09");
      assertThat(originRuns()).isEqualTo(before + 2);
      execute(alsoTokyo, "SET TimeZone = 'Asia/Tokyo'");
      assertThat(textOf(alsoTokyo, sql)).isEqualTo("2020-01-01 09:00:00+09");
      assertThat(originRuns()).as("same settings, same entry").isEqualTo(before + 2);
      execute(alsoTokyo, "RESET TimeZone");
      assertThat(textOf(alsoTokyo, sql)).isEqualTo(plainText);
      assertThat(originRuns()).as("back to the start-up settings: the first entry").isEqualTo(before + 2);
    }
  }

  private static String textOf(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(2);
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition not met within 10 s").isLessThan(deadline);
      Thread.sleep(10);
    }
  }
}
