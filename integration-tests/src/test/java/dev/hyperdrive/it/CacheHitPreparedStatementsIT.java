package dev.hyperdrive.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.backend.BindComplete;
import dev.hyperdrive.wire.backend.CloseComplete;
import dev.hyperdrive.wire.backend.CommandComplete;
import dev.hyperdrive.wire.backend.DataRow;
import dev.hyperdrive.wire.backend.ErrorResponse;
import dev.hyperdrive.wire.backend.ParameterDescription;
import dev.hyperdrive.wire.backend.ParseComplete;
import dev.hyperdrive.wire.backend.ReadyForQuery;
import dev.hyperdrive.wire.backend.RowDescription;
import dev.hyperdrive.wire.frontend.Bind;
import dev.hyperdrive.wire.frontend.Close;
import dev.hyperdrive.wire.frontend.Describe;
import dev.hyperdrive.wire.frontend.Execute;
import dev.hyperdrive.wire.frontend.Flush;
import dev.hyperdrive.wire.frontend.Parse;
import dev.hyperdrive.wire.frontend.Query;
import dev.hyperdrive.wire.frontend.Sync;
import dev.hyperdrive.wire.frontend.Target;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Statements whose Parse the edge cache answered, so the origin never saw it, used afterwards the ways
 * the protocol allows — a Bind without Parse (named and unnamed), Close, DEALLOCATE — narrated step by step
 * on the wire, with the origin's pg_stat_statements proving which steps reached it.
 */
class CacheHitPreparedStatementsIT {
  private static final String SQL = "SELECT label FROM owed_items WHERE id = $1";
  private static OriginStatementCounts counts;

  @BeforeAll
  static void startOrigin() throws SQLException {
    counts = OriginStatementCounts.start();
    try (Connection c = counts.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE owed_items (id int PRIMARY KEY, label text)");
      s.execute("INSERT INTO owed_items VALUES (1, 'one'), (2, 'two'), (3, 'three')");
      s.execute("CREATE VIEW open_request_items AS SELECT * FROM owed_items"); // counted apart from owed_items
    }
  }

  @AfterAll
  static void stopOrigin() {
    counts.close();
  }

  private static Bind bind(String statement, int id) {
    return new Bind("", statement, new short[0], List.of(Integer.toString(id).getBytes(StandardCharsets.UTF_8)),
        new short[0]);
  }

  private static List<Class<?>> kinds(List<BackendMessage> messages) {
    return messages.stream().<Class<?>>map(Object::getClass).toList();
  }

  private static String label(List<BackendMessage> messages) {
    DataRow row = (DataRow) messages.stream().filter(DataRow.class::isInstance).findFirst().orElseThrow();
    return new String(row.columns().get(0), StandardCharsets.UTF_8);
  }

  private static long originRuns() throws SQLException {
    return counts.calls("SELECT label FROM owed_items %");
  }

  @Test
  void statementsPreparedByACacheHitStillWorkAtTheOrigin() throws Exception {
    try (RelayStack stack = RelayStack.start(counts.origin(), 2);
         RawSession first = RawSession.connect(stack);
         RawSession second = RawSession.connect(stack)) {
      // 1. The first session prepares q1 and runs it: a miss, the origin runs it and the answer is stored.
      first.send(new Parse("q1", SQL, new int[0]), bind("q1", 1), new Execute("", 0), Sync.INSTANCE);
      assertThat(label(first.untilReady())).isEqualTo("one");
      assertThat(originRuns()).isEqualTo(1);

      // 2. The second session does the same: answered from the cache, ParseComplete included.
      second.send(new Parse("q1", SQL, new int[0]), bind("q1", 1), new Execute("", 0), Sync.INSTANCE);
      List<BackendMessage> hit = second.untilReady();
      assertThat(kinds(hit)).containsExactly(ParseComplete.class, BindComplete.class, DataRow.class,
          CommandComplete.class, ReadyForQuery.class);
      assertThat(originRuns()).isEqualTo(1);

      // 3. A Bind of q1 with another value needs the origin, which never saw q1: the edge sends the Parse first.
      second.send(bind("q1", 2), new Execute("", 0), Sync.INSTANCE);
      List<BackendMessage> other = second.untilReady();
      assertThat(kinds(other)).containsExactly(BindComplete.class, DataRow.class, CommandComplete.class,
          ReadyForQuery.class);
      assertThat(label(other)).isEqualTo("two");
      assertThat(originRuns()).isEqualTo(2);

      // 4. The unnamed statement, prepared by a cache hit, then bound without its own Parse.
      second.send(new Parse("", SQL, new int[0]), bind("", 1), new Execute("", 0), Sync.INSTANCE);
      assertThat(label(second.untilReady())).isEqualTo("one");
      assertThat(originRuns()).isEqualTo(2);
      second.send(bind("", 3), new Execute("", 0), Sync.INSTANCE);
      assertThat(label(second.untilReady())).isEqualTo("three");
      assertThat(originRuns()).isEqualTo(3);

      // 5. Close q1, then a Bind of it fails as PostgreSQL says: 26000.
      second.send(new Close(Target.STATEMENT, "q1"), Sync.INSTANCE);
      assertThat(kinds(second.untilReady())).containsExactly(CloseComplete.class, ReadyForQuery.class);
      second.send(bind("q1", 1), new Execute("", 0), Sync.INSTANCE);
      List<BackendMessage> closed = second.untilReady();
      assertThat(closed.get(0)).isInstanceOf(ErrorResponse.class);
      assertThat(((ErrorResponse) closed.get(0)).sqlState()).isEqualTo("26000");

      // 6. A statement prepared by a cache hit and never used, then DEALLOCATE in SQL: PostgreSQL finds it.
      second.send(new Parse("q2", SQL, new int[0]), bind("q2", 1), new Execute("", 0), Sync.INSTANCE);
      assertThat(label(second.untilReady())).isEqualTo("one");
      second.send(new Query("DEALLOCATE q2"));
      assertThat(second.untilReady()).noneMatch(ErrorResponse.class::isInstance);
      second.send(new Query("DEALLOCATE q2"));
      assertThat(((ErrorResponse) second.untilReady().get(0)).sqlState()).isEqualTo("26000");
    }
  }

  @Test
  void aHitAfterARelayedPrepareEndsTheOriginsOpenRequest() throws Exception {
    String sql = "SELECT label FROM open_request_items WHERE id = $1";
    // A pool of one origin connection: a session left holding it would stall every other session.
    try (RelayStack stack = RelayStack.start(counts.origin(), 1);
         RawSession first = RawSession.connect(stack);
         RawSession second = RawSession.connect(stack)) {
      // 1. The unnamed statement, run once: the answer is stored; the edge learns the statement parses but not
      //    its description.
      first.send(new Parse("", sql, new int[0]), bind("", 1), new Execute("", 0), Sync.INSTANCE);
      assertThat(label(first.untilReady())).isEqualTo("one");
      long runs = counts.calls("SELECT label FROM open_request_items %");

      // 2. postgres.js's way on another session: Parse/Describe/Flush goes to the origin (nothing to describe
      //    it with at the edge), which now holds an open request for this session...
      second.send(new Parse("p1", sql, new int[0]), new Describe(Target.STATEMENT, "p1"), Flush.INSTANCE);
      assertThat(kinds(second.next(3, Duration.ofSeconds(10))))
          .containsExactly(ParseComplete.class, ParameterDescription.class, RowDescription.class);
      // 3. ...then Bind/Execute/Sync, answered from the cache: the edge ends that open request itself.
      second.send(bind("p1", 1), new Execute("", 0), Sync.INSTANCE);
      assertThat(label(second.untilReady())).isEqualTo("one");
      assertThat(counts.calls("SELECT label FROM open_request_items %")).isEqualTo(runs);

      // 4. The origin connection went back to the pool: the first session gets it at once.
      first.send(new Query("SELECT 7"));
      assertThat(kinds(first.next(4, Duration.ofSeconds(5)))).containsExactly(RowDescription.class, DataRow.class,
          CommandComplete.class, ReadyForQuery.class);
      // 5. And p1 lives at the origin: another value runs there.
      second.send(bind("p1", 2), new Execute("", 0), Sync.INSTANCE);
      assertThat(label(second.untilReady())).isEqualTo("two");
    }
  }
}
