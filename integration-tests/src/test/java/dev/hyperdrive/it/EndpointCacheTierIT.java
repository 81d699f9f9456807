package dev.hyperdrive.it;

import static dev.hyperdrive.it.OriginProbe.queryLong;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.cache.CacheStatus;
import dev.hyperdrive.edge.EdgeServer;
import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.testing.ManualClock;
import dev.hyperdrive.testing.PostgresExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The endpoint's cache tier and what it shares with edges, with pgjdbc through two edges and one endpoint
 * in front of the real PostgreSQL.
 * Whether the origin was asked is told by an {@link OriginProbe}.
 */
@ExtendWith(PostgresExtension.class)
class EndpointCacheTierIT {
  private static final String DATABASE = RelayStack.DATABASE;
  private static EmbeddedOrigin origin;
  private static OriginProbe probe;

  @BeforeAll
  static void createProbes(EmbeddedOrigin embedded) throws SQLException {
    origin = embedded;
    probe = OriginProbe.create(origin, "tier");
    try (Connection c = DriverManager.getConnection(origin.jdbcUrl(), origin.user(), origin.password());
         Statement s = c.createStatement()) {
      s.execute("DROP FUNCTION IF EXISTS tier_immutable(int), tier_stable(int), tier_volatile(int)");
      s.execute("CREATE FUNCTION tier_immutable(int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT $1 * 2 $$");
      s.execute("CREATE FUNCTION tier_stable(int) RETURNS int LANGUAGE sql STABLE AS $$ SELECT $1 * 3 $$");
      s.execute("CREATE FUNCTION tier_volatile(int) RETURNS int LANGUAGE sql VOLATILE AS $$ SELECT $1 * 4 $$");
    }
  }

  private static long originRuns() throws SQLException {
    return probe.runs();
  }

  private static long probeWithParameter(Connection c, int parameter) throws SQLException {
    return probe.runWithParameter(c, parameter);
  }

  private static long status(EdgeServer edge, CacheStatus status) {
    return edge.cacheStatistics().count(DATABASE, status);
  }

  private static long endpointHits(EdgeServer edge) {
    return edge.cacheStatistics().endpointHits(DATABASE);
  }

  @Test
  void aResultCachedAtTheEndpointIsServedToAnotherEdgeWithoutAskingTheOrigin() throws Exception {
    try (RelayStack stack = RelayStack.start(origin, 2);
         EdgeServer secondEdge = stack.startAnotherEdge();
         Connection first = stack.connect();
         Connection second = RelayStack.connect(secondEdge)) {
      long before = originRuns();
      // The first edge misses both tiers: the origin runs the query once, and both tiers keep the answer.
      long simpleRun = queryLong(first, probe.query());
      long extendedRun = probeWithParameter(first, 5);
      assertThat(originRuns()).isEqualTo(before + 2);
      assertThat(stack.endpoint().cache().size()).isEqualTo(2);
      // The second edge has never seen these requests: the endpoint answers them from its tier.
      assertThat(queryLong(second, probe.query())).isEqualTo(simpleRun);
      assertThat(probeWithParameter(second, 5)).isEqualTo(extendedRun);
      assertThat(originRuns()).isEqualTo(before + 2);
      assertThat(endpointHits(secondEdge)).isEqualTo(2);
      // ...and the second edge stored them: asked again, it answers by itself.
      assertThat(queryLong(second, probe.query())).isEqualTo(simpleRun);
      assertThat(probeWithParameter(second, 5)).isEqualTo(extendedRun);
      assertThat(status(secondEdge, CacheStatus.HIT)).isEqualTo(2);
      assertThat(endpointHits(secondEdge)).isEqualTo(2);
      // A request the endpoint has not seen still goes to the origin.
      assertThat(probeWithParameter(second, 6)).isNotEqualTo(extendedRun);
      assertThat(originRuns()).isEqualTo(before + 3);
    }
  }

  @Test
  void aReadInsideATransactionIsNeverAnsweredByTheEndpointTier() throws Exception {
    try (RelayStack stack = RelayStack.start(origin, 2);
         EdgeServer secondEdge = stack.startAnotherEdge();
         Connection first = stack.connect();
         Connection second = RelayStack.connect(secondEdge)) {
      long cachedRun = queryLong(first, probe.query());
      long before = originRuns();
      second.setAutoCommit(false);
      assertThat(queryLong(second, probe.query())).isNotEqualTo(cachedRun);
      second.commit();
      assertThat(originRuns()).isEqualTo(before + 1);
      assertThat(endpointHits(secondEdge)).isZero();
    }
  }

  @Test
  void anEntryTakenFromTheEndpointKeepsItsAgeAndExpiresAtTheEdgeWhenItExpiresThere() throws Exception {
    ManualClock clock = new ManualClock();
    String cache = """
        cache:
          max_age: 60s
          stale_while_revalidate: 0s
        """;
    try (RelayStack stack = RelayStack.start(origin, 2, cache, clock);
         EdgeServer secondEdge = stack.startAnotherEdge();
         Connection first = stack.connect();
         Connection second = RelayStack.connect(secondEdge)) {
      long run = queryLong(first, probe.query()); // made at t=0, at the origin
      long before = originRuns();
      clock.advance(Duration.ofSeconds(50));
      assertThat(queryLong(second, probe.query())).as("from the endpoint tier, 50 s old").isEqualTo(run);
      assertThat(endpointHits(secondEdge)).isEqualTo(1);
      clock.advance(Duration.ofSeconds(9));
      assertThat(queryLong(second, probe.query())).as("t=59 s: still fresh at the second edge").isEqualTo(run);
      assertThat(status(secondEdge, CacheStatus.HIT)).isEqualTo(1);
      assertThat(originRuns()).isEqualTo(before);
      clock.advance(Duration.ofSeconds(2));
      // t=61 s: had the second edge counted 60 s from when it got the entry, it would answer until t=110 s.
      assertThat(queryLong(second, probe.query())).as("t=61 s: expired in both tiers").isNotEqualTo(run);
      assertThat(originRuns()).isEqualTo(before + 1);
      assertThat(status(secondEdge, CacheStatus.HIT)).isEqualTo(1);
    }
  }

  @Test
  void userDefinedFunctionsAreJudgedByTheOriginsCatalog() throws Exception {
    try (RelayStack stack = RelayStack.start(origin, 2); Connection c = stack.connect()) {
      EdgeServer edge = stack.edge();
      // IMMUTABLE: cacheable, so the second run is a hit.
      assertThat(queryLong(c, "SELECT tier_immutable(21)")).isEqualTo(42);
      assertThat(queryLong(c, "SELECT tier_immutable(21)")).isEqualTo(42);
      assertThat(status(edge, CacheStatus.MISS)).isEqualTo(1);
      assertThat(status(edge, CacheStatus.HIT)).isEqualTo(1);
      // STABLE and VOLATILE: never cached, counted as volatile.
      assertThat(queryLong(c, "SELECT tier_stable(2)")).isEqualTo(6);
      assertThat(queryLong(c, "SELECT tier_stable(2)")).isEqualTo(6);
      assertThat(queryLong(c, "SELECT public.tier_volatile(2)")).isEqualTo(8);
      assertThat(status(edge, CacheStatus.VOLATILE)).isEqualTo(3);
      assertThat(status(edge, CacheStatus.HIT)).isEqualTo(1);
      // Only the immutable call's answer was stored at the endpoint too.
      assertThat(stack.endpoint().cache().size()).isEqualTo(1);
    }
  }

  @Test
  void withoutTheOriginsCatalogUserDefinedFunctionsCountAsVolatile() throws Exception {
    try (RelayStack stack = RelayStack.start(origin, 2); Connection c = stack.connect()) {
      // A function created after the endpoint read the catalog is unknown to the edge until the next
      // refresh (a minute later), and unknown functions count as volatile.
      try (Connection direct = stack.connectOrigin(); Statement s = direct.createStatement()) {
        s.execute("CREATE OR REPLACE FUNCTION tier_created_late(int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT $1 $$");
      }
      try {
        assertThat(queryLong(c, "SELECT tier_created_late(3)")).isEqualTo(3);
        assertThat(status(stack.edge(), CacheStatus.VOLATILE)).isEqualTo(1);
      } finally {
        try (Connection direct = stack.connectOrigin(); Statement s = direct.createStatement()) {
          s.execute("DROP FUNCTION tier_created_late(int)");
        }
      }
    }
  }
}
