package dev.hyperdrive.endpoint;

import static dev.hyperdrive.testing.ScriptFrames.bind;
import static dev.hyperdrive.testing.ScriptFrames.describeStatement;
import static dev.hyperdrive.testing.ScriptFrames.execute;
import static dev.hyperdrive.testing.ScriptFrames.parse;
import static dev.hyperdrive.testing.ScriptFrames.query;
import static dev.hyperdrive.endpoint.ProtocolSteps.say;
import static dev.hyperdrive.testing.ScriptFrames.sync;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.endpoint.config.PoolSettings;
import dev.hyperdrive.testing.PostgresExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Statements follow their session from one pooled connection to another: the relay prepares them where
 * they are missing and the driver never sees it. Replay is forced by pinning the connection a session
 * just used (the pool hands out the most recently returned connection first) or by giving the pool fewer
 * connections than there are clients.
 */
@ExtendWith(PostgresExtension.class)
class PreparedStatementReplayIT {
  private static final Pattern ROW_WITH_PID = Pattern.compile("2 D\\((\\d+),(\\d+)\\) C\\(SELECT 1\\) Z\\(I\\)");

  @Test
  void aNamedStatementIsReplayedInvisiblyOnAnotherConnection(EmbeddedOrigin origin) throws Exception {
    try (RelayHarness relay = RelayHarness.start(origin, PoolSettings.DEFAULTS.withDefaultPoolSize(2));
         RelayStream a = relay.session(); RelayStream pin = relay.session()) {
      // 1. A prepares and runs s on connection X.
      String first = say(a, parse("s", "SELECT $1::int * 10, pg_backend_pid()"), bind("s", "1"), execute(), sync());
      assertThat(first).startsWith("1 ");
      String pidX = pid(first.substring(2), "10");
      relay.awaitStats(stats -> stats.svIdle() == 1);
      // 2. Another session opens a transaction on X; A's next batch runs on Y, which has never seen s.
      assertThat(say(pin, query("BEGIN"), query("SELECT 1"))).endsWith("Z(T)");
      String pidY = pid(say(a, bind("s", "2"), execute(), sync()), "20");
      assertThat(pidY).isNotEqualTo(pidX);
      // 3. A standalone Describe of a statement the connection lacks works the same way.
      assertThat(say(a, describeStatement("s"), sync())).isEqualTo("t T Z(I)");
      assertThat(say(pin, query("COMMIT"))).isEqualTo("C(COMMIT) Z(I)");
    }
  }

  @Test
  void libpqStyleUnnamedStatementSplitAcrossSyncs(EmbeddedOrigin origin) throws Exception {
    try (RelayHarness relay = RelayHarness.start(origin, PoolSettings.DEFAULTS.withDefaultPoolSize(2));
         RelayStream a = relay.session(); RelayStream b = relay.session(); RelayStream pin = relay.session()) {
      // 1. A parses the unnamed statement and describes it, then Syncs: the connection goes back to the pool.
      assertThat(say(a, parse("", "SELECT $1::int * 2, pg_backend_pid()"), describeStatement(""), sync()))
          .isEqualTo("1 t T Z(I)");
      relay.awaitStats(stats -> stats.svIdle() == 1);
      // 2. Its connection is taken by another transaction; A's Bind of the unnamed statement lands elsewhere.
      assertThat(say(pin, query("BEGIN"))).isEqualTo("C(BEGIN) Z(T)");
      String pidY = pid(say(a, bind("", "21"), execute(), sync()), "42");
      // 3. B puts its own unnamed statement on that connection; A's next Bind still gets A's statement.
      assertThat(say(b, parse("", "SELECT 'b', pg_backend_pid()"), sync())).isEqualTo("1 Z(I)");
      assertThat(pid(say(a, bind("", "50"), execute(), sync()), "100")).isEqualTo(pidY);
      assertThat(say(b, bind(""), execute(), sync())).startsWith("2 D(b,");
      assertThat(say(pin, query("COMMIT"))).isEqualTo("C(COMMIT) Z(I)");
      // 4. A simple Query drops the unnamed statement, in PostgreSQL and here.
      assertThat(say(a, query("SELECT 1"))).isEqualTo("T D(1) C(SELECT 1) Z(I)");
      assertThat(say(a, bind("", "1"), execute(), sync())).isEqualTo("E(26000 unnamed prepared statement does not exist) Z(I)");
    }
  }

  @Test
  void aParseOfAKnownStatementIsAnsweredWhileEveryConnectionIsBusy(EmbeddedOrigin origin) throws Exception {
    try (RelayHarness relay = RelayHarness.start(origin, PoolSettings.DEFAULTS.withDefaultPoolSize(1));
         RelayStream a = relay.session(); RelayStream b = relay.session()) {
      // 1. A prepares a statement (the origin accepts it), then holds the only connection in a transaction.
      assertThat(say(a, parse("s", "SELECT $1::int + 1"), sync())).isEqualTo("1 Z(I)");
      assertThat(say(a, query("BEGIN"))).isEqualTo("C(BEGIN) Z(T)");
      // 2. B prepares the same SQL synchronously, as pgbench -M prepared does: answered with no connection.
      assertThat(say(b, parse("mine", "SELECT $1::int + 1"), sync())).isEqualTo("1 Z(I)");
      // ... but a statement the origin has never seen has to wait for one, as B's next Bind does.
      b.send(parse("new", "SELECT 2"), sync());
      assertThat(b.poll(300)).as("a new statement waits for a connection").isNull();
      assertThat(say(a, query("COMMIT"))).isEqualTo("C(COMMIT) Z(I)");
      assertThat(Transcript.of(b.untilReady())).isEqualTo("1 Z(I)");
      assertThat(say(b, bind("mine", "41"), execute(), sync())).isEqualTo("2 D(42) C(SELECT 1) Z(I)");
      assertThat(say(b, parse("mine", "SELECT 1"), sync())).isEqualTo("E(42P05 prepared statement \"mine\" already exists) Z(I)");
    }
  }

  @Test
  void leastRecentlyUsedStatementsAreEvictedAtMaxPreparedStatements(EmbeddedOrigin origin) throws Exception {
    PoolSettings settings = PoolSettings.DEFAULTS.withDefaultPoolSize(1).withMaxPreparedStatements(3);
    try (RelayHarness relay = RelayHarness.start(origin, settings); RelayStream a = relay.session()) {
      for (int i = 1; i <= 5; i++) {
        assertThat(say(a, parse("s" + i, "SELECT " + i), bind("s" + i), execute(), sync()))
            .isEqualTo("1 2 D(" + i + ") C(SELECT 1) Z(I)");
      }
      String held = "SELECT count(*) FROM pg_prepared_statements";
      assertThat(say(a, query(held))).isEqualTo("T D(3) C(SELECT 1) Z(I)");
      // s1 was evicted long ago: it is prepared again, invisibly, and the connection still holds three.
      assertThat(say(a, bind("s1"), execute(), sync())).isEqualTo("2 D(1) C(SELECT 1) Z(I)");
      assertThat(say(a, query(held))).isEqualTo("T D(3) C(SELECT 1) Z(I)");
    }
  }

  @Test
  void afterASchemaChangeTheNextExecutionWorks(EmbeddedOrigin origin) throws Exception {
    String table = "plan_change_" + System.nanoTime();
    try (RelayHarness relay = RelayHarness.start(origin, PoolSettings.DEFAULTS.withDefaultPoolSize(1));
         RelayStream a = relay.session(); RelayStream b = relay.session()) {
      relay.execute("CREATE TABLE " + table + " (a int); INSERT INTO " + table + " VALUES (1)");
      assertThat(say(a, parse("s", "SELECT * FROM " + table), bind("s"), execute(), sync()))
          .isEqualTo("1 2 D(1) C(SELECT 1) Z(I)");
      assertThat(say(b, parse("same", "SELECT * FROM " + table), sync())).isEqualTo("1 Z(I)");
      relay.execute("ALTER TABLE " + table + " ADD COLUMN b int DEFAULT 7");
      // PostgreSQL's own answer to the first execution after the change ...
      assertThat(say(a, bind("s"), execute(), sync())).isEqualTo("E(0A000 cached plan must not change result type) Z(I)");
      // ... and the next one works, for this session and for the other that shares the statement.
      assertThat(say(a, bind("s"), execute(), sync())).isEqualTo("2 D(1,7) C(SELECT 1) Z(I)");
      assertThat(say(b, bind("same"), execute(), sync())).isEqualTo("2 D(1,7) C(SELECT 1) Z(I)");
    } finally {
      try (RelayHarness cleanup = RelayHarness.start(origin, PoolSettings.DEFAULTS)) {
        cleanup.execute("DROP TABLE IF EXISTS " + table);
      }
    }
  }

  @Test
  void manySessionsUseNamedStatementsAcrossTransactionsOverAPoolOfTwo(EmbeddedOrigin origin) throws Exception {
    int sessions = 10;
    try (RelayHarness relay = RelayHarness.start(origin, PoolSettings.DEFAULTS.withDefaultPoolSize(2))) {
      ExecutorService clients = Executors.newFixedThreadPool(sessions);
      List<Future<Integer>> results = new ArrayList<>();
      for (int n = 0; n < sessions; n++) {
        int client = n;
        results.add(clients.submit(() -> runClient(relay, client)));
      }
      for (Future<Integer> result : results) {
        assertThat(result.get(120, TimeUnit.SECONDS)).isEqualTo(40);
      }
      clients.shutdown();
    }
  }

  /** One client: a shared statement and one of its own, used alone and inside transactions, 40 times. */
  private static int runClient(RelayHarness relay, int client) throws Exception {
    try (RelayStream s = relay.session()) {
      assertThat(say(s, parse("shared", "SELECT $1::int + 1"), parse("own", "SELECT $1::int + " + (1000 * client)), sync()))
          .isEqualTo("1 1 Z(I)");
      int done = 0;
      for (int i = 0; i < 40; i++) {
        boolean inTransaction = ThreadLocalRandom.current().nextBoolean();
        if (inTransaction) {
          assertThat(say(s, query("BEGIN"))).isEqualTo("C(BEGIN) Z(T)");
        }
        String status = inTransaction ? "T" : "I";
        assertThat(say(s, bind("shared", String.valueOf(i)), execute(), bind("own", String.valueOf(i)), execute(), sync()))
            .isEqualTo("2 D(" + (i + 1) + ") C(SELECT 1) 2 D(" + (i + 1000 * client) + ") C(SELECT 1) Z(" + status + ")");
        if (inTransaction) {
          assertThat(say(s, query("COMMIT"))).isEqualTo("C(COMMIT) Z(I)");
        }
        done++;
      }
      return done;
    }
  }

  /** The backend pid in a "2 D(value,pid) C Z" transcript, checking the value. */
  private static String pid(String transcript, String expectedValue) {
    Matcher matcher = ROW_WITH_PID.matcher(transcript);
    assertThat(matcher.matches()).as(transcript).isTrue();
    assertThat(matcher.group(1)).isEqualTo(expectedValue);
    return matcher.group(2);
  }
}
