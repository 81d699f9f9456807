package dev.hyperdrive.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.cache.CacheStatus;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The driver catalog cache with result caching disabled for the database: postgres.js looks up the
 * database's array types in pg_type on every connect; through the edge only the first connection's
 * lookup reaches the origin, until DDL that changes types passes through the edge.
 */
class CatalogCacheIT {
  private static final String POSTGRES_JS_TYPE_LOOKUP = "select b.oid, b.typarray%from pg_catalog.pg_type a%";
  private static OriginStatementCounts counts;

  @BeforeAll
  static void startOrigin() {
    counts = OriginStatementCounts.start();
  }

  @AfterAll
  static void stopOrigin() {
    counts.close();
  }

  private static void connectWithPostgresJs(RelayStack stack) throws Exception {
    Path scripts = DriverToolchain.nodePackages();
    ExternalCommand run = ExternalCommand.run(
        List.of("node", scripts.resolve("catalog-lookup.mjs").toString(), stack.url()), Map.of(), Duration.ofMinutes(1));
    assertThat(run.stdout().lines().toList()).as("stderr:%n%s", run.stderr()).containsExactly("answer: 42");
    assertThat(run.exitCode()).isZero();
  }

  private static long typeLookups() throws SQLException {
    return counts.calls(POSTGRES_JS_TYPE_LOOKUP);
  }

  @Test
  void typeLookupsAreAnsweredAtTheEdgeUntilTypesChange() throws Exception {
    try (RelayStack stack = RelayStack.start(counts.origin(), 2, "cache:\n  enabled: false\n", Clock.systemUTC())) {
      long before = typeLookups();
      // The first connection's lookup goes to the origin; the next ones are answered by the catalog cache.
      connectWithPostgresJs(stack);
      connectWithPostgresJs(stack);
      connectWithPostgresJs(stack);
      assertThat(typeLookups() - before).as(counts.everything()).isEqualTo(1);
      assertThat(stack.edge().cacheStatistics().count(RelayStack.DATABASE, CacheStatus.HIT)).isEqualTo(2);
      // Ordinary reads are still not cached: the database has result caching off.
      assertThat(stack.edge().cacheStatistics().count(RelayStack.DATABASE, CacheStatus.DISABLED)).isEqualTo(3);

      // A new type, created through the edge: the next connection looks the types up at the origin again.
      try (Connection c = stack.connect(); Statement s = c.createStatement()) {
        s.execute("CREATE TYPE catalog_mood AS ENUM ('calm', 'busy')");
      }
      connectWithPostgresJs(stack);
      assertThat(typeLookups() - before).isEqualTo(2);
      connectWithPostgresJs(stack);
      assertThat(typeLookups() - before).isEqualTo(2);
    }
  }

  @Test
  void pgjdbcTypeLookupsByOidAreAnsweredAtTheEdge() throws Exception {
    try (Connection c = counts.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TYPE catalog_size AS ENUM ('small', 'large')");
    }
    // TypeInfoCache's lookup of a type's name by OID (its wording varies between pgjdbc versions).
    String lookupByOid = "SELECT %n.nspname = ANY(current_schemas(%FROM pg_catalog.pg_type t%WHERE t.oid = $1%";
    try (RelayStack stack = RelayStack.start(counts.origin(), 2, "cache:\n  enabled: false\n", Clock.systemUTC())) {
      long before = counts.calls(lookupByOid);
      // pgjdbc resolves a column of a type it does not know with TypeInfoCache's lookup by OID, per connection.
      for (int connection = 0; connection < 3; connection++) {
        try (Connection c = stack.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 'large'::catalog_size AS size")) {
          assertThat(rs.getMetaData().getColumnTypeName(1)).isEqualTo("catalog_size");
          rs.next();
          assertThat(rs.getString(1)).isEqualTo("large");
        }
      }
      assertThat(counts.calls(lookupByOid) - before).as(counts.everything()).isEqualTo(1);
    }
  }

  @Test
  void catalogCacheOffSendsEveryLookupToTheOrigin() throws Exception {
    String yaml = "cache:\n  enabled: false\n  catalog_cache: false\n";
    try (RelayStack stack = RelayStack.start(counts.origin(), 2, yaml, Clock.systemUTC())) {
      long before = typeLookups();
      connectWithPostgresJs(stack);
      connectWithPostgresJs(stack);
      assertThat(typeLookups() - before).isEqualTo(2);
    }
  }
}
