package dev.hyperdrive.it;

import static dev.hyperdrive.testing.ScriptFrames.bind;
import static dev.hyperdrive.testing.ScriptFrames.closeStatement;
import static dev.hyperdrive.testing.ScriptFrames.copyData;
import static dev.hyperdrive.testing.ScriptFrames.describePortal;
import static dev.hyperdrive.testing.ScriptFrames.describeStatement;
import static dev.hyperdrive.testing.ScriptFrames.execute;
import static dev.hyperdrive.testing.ScriptFrames.parse;
import static dev.hyperdrive.testing.ScriptFrames.query;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.testing.PostgresExtension;
import dev.hyperdrive.wire.backend.ErrorResponse;
import dev.hyperdrive.wire.backend.ParameterStatus;
import dev.hyperdrive.wire.backend.ReadyForQuery;
import dev.hyperdrive.wire.frontend.CopyDone;
import dev.hyperdrive.wire.frontend.CopyFail;
import dev.hyperdrive.wire.frontend.Flush;
import dev.hyperdrive.wire.frontend.Sync;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The differential harness of issue 4: each scenario is played once straight against PostgreSQL and
 * once through edge and endpoint, and the clients must be told exactly the same things. The pool has two
 * connections for three scripted clients, so statements and settings are replayed on connections that
 * have never seen them. Every step is narrated on its own line, as in PgBouncer's test_prepared.py.
 */
@ExtendWith(PostgresExtension.class)
class DifferentialProtocolIT {
  private static final int POOL_SIZE = 2;

  private static EmbeddedOrigin origin;
  private static RelayStack stack;

  @BeforeAll
  static void startStack(EmbeddedOrigin embedded) throws SQLException {
    origin = embedded;
    stack = RelayStack.start(embedded, POOL_SIZE);
    try (Connection c = stack.connectOrigin(); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS diff_copy");
      s.execute("CREATE TABLE diff_copy (id int PRIMARY KEY, name text NOT NULL)");
    }
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void startupAnnouncesTheSameParameters() throws Exception {
    try (RawSession direct = RawSession.connectOrigin(origin); RawSession relayed = RawSession.connect(stack)) {
      assertThat(parameterNames(relayed)).isEqualTo(parameterNames(direct));
    }
  }

  @Test
  void namedStatementUsedAcrossTransactionsWhileOthersHoldConnections() throws Exception {
    assertSameAsPostgres(List.of("DataRow[42]", "DataRow[2]", "DataRow[4]", "26000"), s -> {
      s.step("a", "prepares plus_one", parse("plus_one", "SELECT $1::int + 1 AS answer"), Sync.INSTANCE);
      s.step("b", "opens a transaction and keeps its connection", query("BEGIN"));
      s.step("a", "runs plus_one outside a transaction",
          bind("plus_one", "41"), describePortal(), execute(), Sync.INSTANCE);
      s.step("c", "opens a transaction too: both pooled connections are now held", query("BEGIN; SELECT 1"));
      s.step("b", "commits, freeing one connection", query("COMMIT"));
      s.step("a", "runs plus_one again, maybe on a connection that never saw it",
          bind("plus_one", "1"), execute(), Sync.INSTANCE);
      s.step("a", "runs plus_one inside its own transaction",
          query("BEGIN"));
      s.step("a", "binds twice in the transaction",
          bind("plus_one", "2"), execute(), bind("plus_one", "3"), execute(), Sync.INSTANCE);
      s.step("a", "commits", query("COMMIT"));
      s.step("c", "commits", query("COMMIT"));
      s.step("a", "describes plus_one", describeStatement("plus_one"), Sync.INSTANCE);
      s.step("b", "does not know a's plus_one", bind("plus_one", "5"), execute(), Sync.INSTANCE);
    });
  }

  @Test
  void sameNameDifferentSqlInTwoClients() throws Exception {
    assertSameAsPostgres(List.of("DataRow[from a]", "DataRow[5]", "DataRow[50]"), s -> {
      s.step("a", "prepares q as text", parse("q", "SELECT 'from a'::text"), Sync.INSTANCE);
      s.step("b", "prepares q as an integer sum", parse("q", "SELECT $1::int + $2::int"), Sync.INSTANCE);
      s.step("a", "runs its q", bind("q"), describePortal(), execute(), Sync.INSTANCE);
      s.step("b", "runs its q", bind("q", "2", "3"), describePortal(), execute(), Sync.INSTANCE);
      s.step("c", "holds a connection in a transaction", query("BEGIN"));
      s.step("b", "runs its q on the one free connection", bind("q", "20", "30"), execute(), Sync.INSTANCE);
      s.step("a", "runs its q on the one free connection", bind("q"), execute(), Sync.INSTANCE);
      s.step("c", "rolls back", query("ROLLBACK"));
    });
  }

  @Test
  void reParseOfALiveNameUnknownNamesAndIdempotentClose() throws Exception {
    assertSameAsPostgres(List.of("42P05", "26000", "42601", "DataRow[4]"), s -> {
      s.step("a", "prepares dup", parse("dup", "SELECT 1"), Sync.INSTANCE);
      s.step("a", "prepares dup again: 42P05", parse("dup", "SELECT 2"), Sync.INSTANCE);
      s.step("a", "dup still runs the first SQL", bind("dup"), execute(), Sync.INSTANCE);
      s.step("a", "binds a name never prepared: 26000", bind("nope"), execute(), Sync.INSTANCE);
      s.step("a", "describes a name never prepared: 26000", describeStatement("nope"), Sync.INSTANCE);
      s.step("a", "closes dup", closeStatement("dup"), Sync.INSTANCE);
      s.step("a", "closes dup again: still CloseComplete", closeStatement("dup"), Sync.INSTANCE);
      s.step("a", "closes a name never prepared: CloseComplete", closeStatement("nope"), Sync.INSTANCE);
      s.step("a", "binds the closed dup: 26000", bind("dup"), execute(), Sync.INSTANCE);
      s.step("a", "prepares dup anew after the Close", parse("dup", "SELECT 3"), Sync.INSTANCE);
      s.step("a", "runs the new dup", bind("dup"), execute(), Sync.INSTANCE);
      s.step("a", "a Parse that fails is not remembered", parse("bad", "SELEC 1"), Sync.INSTANCE);
      s.step("a", "so bad can be prepared properly", parse("bad", "SELECT 4"), Sync.INSTANCE);
      s.step("a", "and runs", bind("bad"), execute(), Sync.INSTANCE);
    });
  }

  @Test
  void deallocateAndDiscardAllAffectOnlyTheCaller() throws Exception {
    assertSameAsPostgres(List.of("26000", "DataRow[b d1]", "DataRow[kept]"), s -> {
      s.step("a", "prepares d1", parse("d1", "SELECT 'a d1'"), Sync.INSTANCE);
      s.step("b", "prepares its own d1", parse("d1", "SELECT 'b d1'"), Sync.INSTANCE);
      s.step("a", "DEALLOCATE d1", query("DEALLOCATE d1"));
      s.step("a", "its d1 is gone: 26000", bind("d1"), execute(), Sync.INSTANCE);
      s.step("b", "b's d1 still runs", bind("d1"), execute(), Sync.INSTANCE);
      s.step("a", "prepares d2 and d3", parse("d2", "SELECT 2"), parse("d3", "SELECT 3"), Sync.INSTANCE);
      s.step("a", "DEALLOCATE ALL", query("DEALLOCATE ALL"));
      s.step("a", "d2 is gone: 26000", bind("d2"), execute(), Sync.INSTANCE);
      s.step("a", "d3 is gone: 26000", bind("d3"), execute(), Sync.INSTANCE);
      s.step("b", "b's d1 survives a's DEALLOCATE ALL", bind("d1"), execute(), Sync.INSTANCE);
      s.step("a", "prepares keep", parse("keep", "SELECT 'kept'"), Sync.INSTANCE);
      s.step("b", "DISCARD ALL", query("DISCARD ALL"));
      s.step("b", "b's d1 is gone: 26000", bind("d1"), execute(), Sync.INSTANCE);
      s.step("a", "a's keep survives b's DISCARD ALL", bind("keep"), execute(), Sync.INSTANCE);
    });
  }

  @Test
  void errorInsideAPipelineSkipsUntilSyncAndTheNextRequestWorks() throws Exception {
    assertSameAsPostgres(List.of("22012", "DataRow[5]", "25P02"), s -> {
      s.step("a", "pipelines a division by zero then a good query in one Sync",
          parse("", "SELECT 10 / $1::int"), bind("", "0"), execute(),
          parse("", "SELECT 'skipped'"), bind(""), execute(), Sync.INSTANCE);
      s.step("a", "the next request works", parse("", "SELECT 10 / $1::int"), bind("", "2"), execute(), Sync.INSTANCE);
      s.step("a", "opens a transaction", query("BEGIN"));
      s.step("a", "fails inside it: the transaction is aborted",
          parse("p", "SELECT 1 / $1::int"), bind("p", "0"), execute(), bind("p", "1"), execute(), Sync.INSTANCE);
      s.step("a", "a query in the aborted transaction: 25P02", bind("p", "1"), execute(), Sync.INSTANCE);
      s.step("a", "rolls back", query("ROLLBACK"));
      s.step("a", "p was prepared before the error and still runs", bind("p", "1"), execute(), Sync.INSTANCE);
    });
  }

  @Test
  void unnamedStatementSplitAcrossSyncs() throws Exception {
    assertSameAsPostgres(List.of("DataRow[hello!]", "DataRow[again!]"), s -> {
      s.step("a", "parses the unnamed statement and syncs (lib/pq style)",
          parse("", "SELECT $1::text || '!'"), Sync.INSTANCE);
      s.step("b", "holds a connection in a transaction", query("BEGIN; SELECT 1"));
      s.step("a", "binds and executes the unnamed statement in a new Sync",
          bind("", "hello"), describePortal(), execute(), Sync.INSTANCE);
      s.step("b", "commits", query("COMMIT"));
      s.step("a", "describes the unnamed statement, then Flush", 2, describeStatement(""), Flush.INSTANCE);
      s.step("a", "syncs", Sync.INSTANCE);
      s.step("a", "binds it once more", bind("", "again"), execute(), Sync.INSTANCE);
    });
  }

  @Test
  void setOutsideATransactionIsSeenByTheSameClientOnly() throws Exception {
    assertSameAsPostgres(List.of("DataRow[7MB]", "DataRow[9MB]", "DataRow[4MB]"), s -> {
      s.step("a", "sets work_mem for the session", query("SET work_mem = '7MB'"));
      s.step("b", "holds a connection in a transaction", query("BEGIN"));
      s.step("a", "sees its setting", query("SHOW work_mem"));
      s.step("b", "does not see a's setting", query("SHOW work_mem"));
      s.step("b", "commits", query("COMMIT"));
      s.step("c", "does not see a's setting either", query("SHOW work_mem"));
      s.step("a", "still sees it inside a transaction", query("BEGIN; SHOW work_mem"));
      s.step("a", "SET LOCAL overrides it for the transaction", query("SET LOCAL work_mem = '9MB'; SHOW work_mem"));
      s.step("a", "commits", query("COMMIT"));
      s.step("a", "the session value is back", query("SHOW work_mem"));
      s.step("a", "SET inside a rolled-back transaction does not stick",
          query("BEGIN; SET work_mem = '11MB'; ROLLBACK"));
      s.step("a", "still the session value", query("SHOW work_mem"));
      s.step("a", "RESET", query("RESET work_mem"));
      s.step("c", "holds a connection", query("BEGIN"));
      s.step("a", "sees the default again", query("SHOW work_mem"));
      s.step("c", "commits", query("COMMIT"));
    });
  }

  @Test
  void copyFromStdinWithCopyFailAndCopyToStdout() throws Exception {
    assertSameAsPostgres(List.of("57014", "22P02", "COPY 2", "CopyData(2\ttwo\n)", "CopyData(5,row 5\n)"), s -> {
      s.step("a", "starts COPY FROM STDIN", 1, query("COPY diff_copy FROM STDIN"));
      s.step("a", "sends a row, then CopyFail", copyData("1\tone\n"), new CopyFail("client gave up"));
      s.step("a", "nothing was copied", query("SELECT count(*) FROM diff_copy"));
      s.step("a", "starts COPY FROM STDIN again", 1, query("COPY diff_copy FROM STDIN"));
      s.step("a", "sends a bad row halfway, then CopyDone",
          copyData("1\tone\n"), copyData("two\tbad\n"), CopyDone.INSTANCE);
      s.step("a", "starts COPY FROM STDIN a third time", 1, query("COPY diff_copy FROM STDIN"));
      s.step("a", "sends two rows and CopyDone", copyData("1\tone\n2\ttwo\n"), CopyDone.INSTANCE);
      s.step("b", "copies the table out", query("COPY (SELECT * FROM diff_copy ORDER BY id) TO STDOUT"));
      s.step("b", "copies a generated series out as CSV",
          query("COPY (SELECT g, 'row ' || g FROM generate_series(1, 5) g) TO STDOUT WITH (FORMAT csv)"));
    });
  }

  /** Differs from PostgreSQL on purpose: LISTEN cannot work on a shared connection. */
  @Test
  void listenIsRefusedThroughTheEdgeAndTheSessionStaysUsable() throws Exception {
    try (RawSession session = RawSession.connect(stack)) {
      session.send(query("LISTEN some_channel"));
      var reply = session.untilReady();
      assertThat(reply.get(0)).isInstanceOfSatisfying(ErrorResponse.class, error -> {
        assertThat(error.fields().sqlState()).isEqualTo("0A000");
        assertThat(error.fields().message()).containsIgnoringCase("LISTEN");
      });
      assertThat(reply.get(reply.size() - 1)).isInstanceOf(ReadyForQuery.class);
      session.send(query("SELECT 1"));
      assertThat(DriverVisible.render(session.untilReady())).contains("DataRow[1]");
    }
  }

  /**
   * Plays {@code scenario} against PostgreSQL and through the edge; the transcripts must be equal, and
   * PostgreSQL's must mention {@code landmarks}, so a script that silently stopped exercising anything fails.
   */
  private static void assertSameAsPostgres(List<String> landmarks, ProtocolScript.Scenario scenario)
      throws Exception {
    emptyCopyTable();
    List<String> direct = ProtocolScript.transcript(() -> RawSession.connectOrigin(origin), scenario);
    emptyCopyTable();
    List<String> relayed = ProtocolScript.transcript(() -> RawSession.connect(stack), scenario);
    assertThat(String.join("\n", direct)).contains(landmarks);
    assertThat(relayed).containsExactlyElementsOf(direct);
  }

  private static void emptyCopyTable() throws SQLException {
    try (Connection c = stack.connectOrigin(); Statement s = c.createStatement()) {
      s.execute("TRUNCATE diff_copy");
    }
  }

  private static Set<String> parameterNames(RawSession session) {
    return session.startup().stream()
        .filter(ParameterStatus.class::isInstance)
        .map(m -> ((ParameterStatus) m).name())
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
