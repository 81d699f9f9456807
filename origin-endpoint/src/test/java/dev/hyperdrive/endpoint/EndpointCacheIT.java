package dev.hyperdrive.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.hyperdrive.cache.CacheKey;
import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.endpoint.config.PoolSettings;
import dev.hyperdrive.proto.relay.CacheAnswer;
import dev.hyperdrive.proto.relay.CacheLookup;
import dev.hyperdrive.proto.relay.CatalogFunction;
import dev.hyperdrive.proto.relay.DescribeOriginReply;
import dev.hyperdrive.proto.relay.DescribeOriginRequest;
import dev.hyperdrive.testing.ManualClock;
import dev.hyperdrive.testing.PostgresExtension;
import dev.hyperdrive.wire.TransactionStatus;
import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.backend.DataRow;
import dev.hyperdrive.wire.backend.ErrorResponse;
import dev.hyperdrive.wire.frontend.Bind;
import dev.hyperdrive.wire.frontend.Execute;
import dev.hyperdrive.wire.frontend.Parse;
import dev.hyperdrive.wire.frontend.Query;
import dev.hyperdrive.wire.frontend.Sync;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The endpoint cache tier, driven as an edge drives it: EdgeFrames that carry a cache lookup. The
 * endpoint does not classify (the edge did), so a query on a sequence shows plainly whether the origin
 * ran it: a fresh value means it did, the same value means the tier answered.
 */
@ExtendWith(PostgresExtension.class)
class EndpointCacheIT {
  private static final String NEXT = "SELECT nextval('endpoint_cache_runs')";

  @BeforeAll
  static void createSequence(EmbeddedOrigin origin) throws Exception {
    try (RelayHarness relay = RelayHarness.start(origin, PoolSettings.DEFAULTS)) {
      relay.execute("DROP SEQUENCE IF EXISTS endpoint_cache_runs");
      relay.execute("CREATE SEQUENCE endpoint_cache_runs");
      relay.execute("DROP FUNCTION IF EXISTS endpoint_cache_immutable(int)");
      relay.execute("CREATE FUNCTION endpoint_cache_immutable(int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT $1 $$");
    }
  }

  private static CacheLookup lookup(String sql, Duration maxAge) {
    CacheKey key = CacheKey.simpleQuery(RelayHarness.DATABASE, Map.of("TimeZone", "UTC"), sql);
    return CacheLookup.newBuilder().setKey(ByteString.copyFrom(key.encode())).setMaxAgeMs(maxAge.toMillis())
        .setStaleWhileRevalidateMs(15_000).setMaxCachedResultBytes(1 << 20).build();
  }

  /** The single value of the answer's single row. */
  private static String value(List<BackendMessage> answer) {
    DataRow row = (DataRow) answer.stream().filter(DataRow.class::isInstance).findFirst().orElseThrow();
    return new String(row.columns().get(0), StandardCharsets.UTF_8);
  }

  private static List<BackendMessage> ask(RelayStream session, CacheLookup lookup, String sql) throws Exception {
    return session.sendWithLookup(lookup, new Query(sql)).untilReady();
  }

  @Test
  void aMissIsStoredAndTheNextSessionIsAnsweredWithItsRemainingLife(EmbeddedOrigin origin) throws Exception {
    ManualClock clock = new ManualClock();
    try (RelayHarness relay = RelayHarness.start(origin, PoolSettings.DEFAULTS, clock);
         RelayStream first = relay.session();
         RelayStream second = relay.session()) {
      CacheLookup lookup = lookup(NEXT, Duration.ofSeconds(60));
      String made = value(ask(first, lookup, NEXT));
      assertThat(first.cacheAnswers()).isEmpty();
      assertThat(relay.server().cache().size()).isEqualTo(1);

      clock.advance(Duration.ofSeconds(45));
      List<BackendMessage> answer = ask(second, lookup, NEXT);
      assertThat(value(answer)).isEqualTo(made);
      assertThat(RelayStream.status(answer)).isEqualTo(TransactionStatus.IDLE);
      assertThat(second.cacheAnswers()).containsExactly(CacheAnswer.newBuilder()
          .setTier(CacheAnswer.Tier.ENDPOINT).setRemainingTtlMs(15_000).setAgeMs(45_000).build());

      // Past its max age the entry is a miss here, even within stale_while_revalidate: the edge serves its
      // own stale copy while its refresh must reach the origin.
      clock.advance(Duration.ofSeconds(16));
      String remade = value(ask(first, lookup, NEXT));
      assertThat(remade).isNotEqualTo(made);

      // 31 s later: an edge configured with max_age 60s is served it, one with 30s is not.
      clock.advance(Duration.ofSeconds(31));
      assertThat(value(ask(second, lookup, NEXT))).isEqualTo(remade);
      assertThat(value(ask(second, lookup(NEXT, Duration.ofSeconds(30)), NEXT))).isNotEqualTo(remade);
    }
  }

  @Test
  void aSessionInsideATransactionIsNeverAnsweredFromTheTier(EmbeddedOrigin origin) throws Exception {
    try (RelayHarness relay = RelayHarness.start(origin, PoolSettings.DEFAULTS);
         RelayStream warm = relay.session();
         RelayStream inTransaction = relay.session()) {
      CacheLookup lookup = lookup(NEXT, Duration.ofSeconds(60));
      String cached = value(ask(warm, lookup, NEXT));

      inTransaction.query("BEGIN");
      List<BackendMessage> answer = ask(inTransaction, lookup, NEXT);
      assertThat(value(answer)).isNotEqualTo(cached);
      assertThat(RelayStream.status(answer)).isEqualTo(TransactionStatus.IN_TRANSACTION);
      assertThat(inTransaction.cacheAnswers()).isEmpty();
      inTransaction.query("COMMIT");
      // What the transaction read was not stored over the entry either.
      assertThat(value(ask(inTransaction, lookup, NEXT))).isEqualTo(cached);
    }
  }

  @Test
  void errorsSeveralRequestsAndNamedStatementsAreNotCached(EmbeddedOrigin origin) throws Exception {
    try (RelayHarness relay = RelayHarness.start(origin, PoolSettings.DEFAULTS); RelayStream session = relay.session()) {
      String failing = "SELECT 1/0";
      ErrorResponse error = RelayStream.error(ask(session, lookup(failing, Duration.ofSeconds(60)), failing));
      assertThat(error.sqlState()).isEqualTo("22012");
      assertThat(RelayStream.error(ask(session, lookup(failing, Duration.ofSeconds(60)), failing))).isNotNull();

      // Two requests in one frame are not one cacheable request: relayed, answered twice, not stored.
      CacheLookup twice = lookup(NEXT, Duration.ofSeconds(60));
      session.sendWithLookup(twice, new Query(NEXT), new Query(NEXT));
      String firstValue = value(session.untilReady());
      assertThat(value(session.untilReady())).isNotEqualTo(firstValue);
      assertThat(relay.server().cache().size()).isZero();

      // A request that prepares a named statement must reach the origin, which must then hold it.
      for (String name : List.of("S_a", "S_b")) {
        session.sendWithLookup(twice, new Parse(name, NEXT, new int[0]),
            new Bind("", name, new short[0], List.of(), new short[0]), new Execute("", 0), Sync.INSTANCE);
        assertThat(value(session.untilReady())).isNotEqualTo(firstValue);
      }
      assertThat(relay.server().cache().size()).isZero();
      assertThat(session.cacheAnswers()).isEmpty();
    }
  }

  @Test
  void identicalMissesFromManySessionsWaitForOneOriginRun(EmbeddedOrigin origin) throws Exception {
    String slow = "SELECT nextval('endpoint_cache_runs'), pg_sleep(0.5)";
    CacheLookup lookup = lookup(slow, Duration.ofSeconds(60));
    List<RelayStream> sessions = new ArrayList<>();
    try (RelayHarness relay = RelayHarness.start(origin, PoolSettings.DEFAULTS)) {
      for (int i = 0; i < 20; i++) {
        sessions.add(relay.session());
      }
      for (RelayStream session : sessions) {
        session.sendWithLookup(lookup, new Query(slow));
      }
      Set<String> values = new HashSet<>();
      int servedFromTier = 0;
      for (RelayStream session : sessions) {
        List<BackendMessage> answer = session.untilReady();
        assertThat(RelayStream.status(answer)).isEqualTo(TransactionStatus.IDLE);
        values.add(value(answer));
        servedFromTier += session.cacheAnswers().size();
      }
      assertThat(values).as("one origin run answered every session").hasSize(1);
      assertThat(servedFromTier).isEqualTo(19);
      assertThat(relay.server().cache().served()).isEqualTo(19);
      assertThat(relay.server().cache().relayed()).isEqualTo(1);
      assertThat(relay.server().cache().stored()).isEqualTo(1);
    } finally {
      sessions.forEach(RelayStream::close);
    }
  }

  @Test
  void describeOriginSharesTheOriginsFunctionCatalog(EmbeddedOrigin origin) throws Exception {
    try (RelayHarness relay = RelayHarness.start(origin, PoolSettings.DEFAULTS)) {
      DescribeOriginReply reply = relay.blocking().describeOrigin(
          DescribeOriginRequest.newBuilder().setDatabase(RelayHarness.DATABASE).build());
      assertThat(reply.getFunctionsKnown()).isTrue();
      assertThat(reply.getFunctionsList())
          .contains(CatalogFunction.newBuilder().setSchema("public").setName("endpoint_cache_immutable")
              .setProvolatile("i").build())
          .contains(CatalogFunction.newBuilder().setSchema("pg_catalog").setName("now").setProvolatile("s").build())
          .contains(CatalogFunction.newBuilder().setSchema("pg_catalog").setName("random").setProvolatile("v").build());
      // The catalog was read on a pooled connection, given back clean.
      assertThat(relay.awaitStats(stats -> stats.svActive() == 0).svActive()).isZero();
    }
  }
}
