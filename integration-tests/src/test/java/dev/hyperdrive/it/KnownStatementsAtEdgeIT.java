package dev.hyperdrive.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.testing.PostgresExtension;
import dev.hyperdrive.wire.TransactionStatus;
import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.backend.BindComplete;
import dev.hyperdrive.wire.backend.CommandComplete;
import dev.hyperdrive.wire.backend.DataRow;
import dev.hyperdrive.wire.backend.ErrorResponse;
import dev.hyperdrive.wire.backend.ParameterDescription;
import dev.hyperdrive.wire.backend.ParseComplete;
import dev.hyperdrive.wire.backend.ReadyForQuery;
import dev.hyperdrive.wire.backend.RowDescription;
import dev.hyperdrive.wire.frontend.Bind;
import dev.hyperdrive.wire.frontend.Describe;
import dev.hyperdrive.wire.frontend.Execute;
import dev.hyperdrive.wire.frontend.Flush;
import dev.hyperdrive.wire.frontend.Parse;
import dev.hyperdrive.wire.frontend.Query;
import dev.hyperdrive.wire.frontend.Sync;
import dev.hyperdrive.wire.frontend.Target;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The edge answers Parse/Describe of statements the origin has described before without a round trip
 * (issue 4), against the real PostgreSQL through edge and endpoint. Each step is narrated in one line.
 */
@ExtendWith(PostgresExtension.class)
class KnownStatementsAtEdgeIT {
  private static final Duration PROMPTLY = Duration.ofSeconds(3);

  @Test
  void knownStatementIsPreparedWhileEveryPooledConnectionIsBusy(EmbeddedOrigin origin) throws Exception {
    try (RelayStack stack = RelayStack.start(origin, 1);
         RawSession learner = RawSession.connect(stack);
         RawSession holder = RawSession.connect(stack);
         RawSession preparer = RawSession.connect(stack)) {
      Parse plusOne = new Parse("plus_one", "SELECT $1::int + 1 AS answer", new int[0]);
      // The learner prepares and describes the statement through the origin: the edge learns it.
      learner.send(plusOne, new Describe(Target.STATEMENT, "plus_one"), Sync.INSTANCE);
      List<BackendMessage> learned = learner.untilReady();
      assertThat(learned).hasSize(4).first().isEqualTo(ParseComplete.INSTANCE);

      // The holder opens a transaction: the pool's only connection is pinned to it.
      holder.send(new Query("BEGIN"));
      holder.untilReady();

      // The preparer sends what postgres.js sends (Parse, Describe, Flush): answered at once, no connection needed.
      preparer.send(plusOne, new Describe(Target.STATEMENT, "plus_one"), Flush.INSTANCE);
      List<BackendMessage> answered = preparer.next(3, PROMPTLY);
      assertThat(answered).containsExactlyElementsOf(learned.subList(0, 3));
      assertThat(answered.get(1)).isEqualTo(new ParameterDescription(new int[] {23}));

      // pgbench -M prepared style (Parse, Sync) too, with the session's real transaction status.
      preparer.send(new Parse("p_other", "SELECT $1::int + 1 AS answer", new int[0]), Sync.INSTANCE);
      assertThat(preparer.next(2, PROMPTLY)).containsExactly(ParseComplete.INSTANCE, ReadyForQuery.IDLE);

      // The holder commits; the preparer's Bind carries the Parse to the origin, invisibly.
      holder.send(new Query("COMMIT"));
      holder.untilReady();
      preparer.send(bind("plus_one", "41"), new Execute("", 0), Sync.INSTANCE);
      assertThat(preparer.untilReady()).containsExactly(BindComplete.INSTANCE, row("42"),
          new CommandComplete("SELECT 1"), ReadyForQuery.IDLE);

      // Used again later (possibly on another connection): the endpoint replays it, still invisible.
      preparer.send(bind("p_other", "1"), new Execute("", 0), bind("plus_one", "2"), new Execute("", 0), Sync.INSTANCE);
      assertThat(preparer.untilReady()).containsExactly(BindComplete.INSTANCE, row("2"), new CommandComplete("SELECT 1"),
          BindComplete.INSTANCE, row("3"), new CommandComplete("SELECT 1"), ReadyForQuery.IDLE);
    }
  }

  @Test
  void localAnswersInsideATransactionCarryItsStatus(EmbeddedOrigin origin) throws Exception {
    try (RelayStack stack = RelayStack.start(origin, 2);
         RawSession learner = RawSession.connect(stack);
         RawSession session = RawSession.connect(stack)) {
      Parse now = new Parse("", "SELECT $1::text || '!'", new int[0]);
      learner.send(now, new Describe(Target.STATEMENT, ""), Sync.INSTANCE);
      learner.untilReady();

      session.send(new Query("BEGIN"));
      assertThat(session.untilReady()).endsWith(ReadyForQuery.IN_TRANSACTION);
      // The unnamed statement, answered locally, inside the transaction.
      session.send(now, new Describe(Target.STATEMENT, ""), Sync.INSTANCE);
      List<BackendMessage> answered = session.next(4, PROMPTLY);
      assertThat(answered.get(3)).isEqualTo(new ReadyForQuery(TransactionStatus.IN_TRANSACTION));
      session.send(bind("", "hi"), new Execute("", 0), Sync.INSTANCE);
      assertThat(session.untilReady()).containsExactly(BindComplete.INSTANCE, row("hi!"),
          new CommandComplete("SELECT 1"), ReadyForQuery.IN_TRANSACTION);
      session.send(new Query("ROLLBACK"));
      assertThat(session.untilReady()).endsWith(ReadyForQuery.IDLE);
    }
  }

  @Test
  void aSchemaChangeSinceTheEdgeLearnedAStatementGivesPostgresqlsErrorAndThenWorks(EmbeddedOrigin origin)
      throws Exception {
    try (RelayStack stack = RelayStack.start(origin, 2);
         Connection direct = stack.connectOrigin();
         Statement ddl = direct.createStatement()) {
      ddl.execute("DROP TABLE IF EXISTS shape_change; CREATE TABLE shape_change (id int); INSERT INTO shape_change VALUES (7)");
      Parse selectAll = new Parse("all_rows", "SELECT * FROM shape_change", new int[0]);
      try (RawSession learner = RawSession.connect(stack)) {
        learner.send(selectAll, new Describe(Target.STATEMENT, "all_rows"), Sync.INSTANCE);
        assertThat(learner.untilReady().get(2)).isInstanceOf(RowDescription.class);
      }
      // The table gains a column behind the edge's back.
      ddl.execute("ALTER TABLE shape_change ADD COLUMN note text");

      try (RawSession session = RawSession.connect(stack)) {
        // The edge still answers with the one-column description it learned...
        session.send(selectAll, new Describe(Target.STATEMENT, "all_rows"), Flush.INSTANCE);
        RowDescription told = (RowDescription) session.next(3, PROMPTLY).get(2);
        assertThat(told.fields()).hasSize(1);
        // ...so the execution is refused the way PostgreSQL refuses a stale cached plan.
        session.send(bind("all_rows"), new Execute("", 0), Sync.INSTANCE);
        List<BackendMessage> refused = session.untilReady();
        assertThat(refused).hasSize(2);
        ErrorResponse error = (ErrorResponse) refused.get(0);
        assertThat(error.sqlState()).isEqualTo("0A000");
        assertThat(error.message()).isEqualTo("cached plan must not change result type");

        // The stale entry is gone: preparing again reaches the origin and sees both columns.
        session.send(new Parse("all_rows_2", "SELECT * FROM shape_change", new int[0]),
            new Describe(Target.STATEMENT, "all_rows_2"), bind("all_rows_2"), new Execute("", 0), Sync.INSTANCE);
        List<BackendMessage> fresh = session.untilReady();
        assertThat(fresh).as("fresh prepare").doesNotHaveAnyElementsOfTypes(ErrorResponse.class);
        assertThat(((RowDescription) fresh.get(2)).fields()).hasSize(2);
        assertThat(fresh.get(4)).isEqualTo(new DataRow(java.util.Arrays.asList("7".getBytes(StandardCharsets.UTF_8), null)));
      }
    }
  }

  private static Bind bind(String statement, String... textValues) {
    List<byte[]> values = java.util.Arrays.stream(textValues).map(v -> v.getBytes(StandardCharsets.UTF_8)).toList();
    return new Bind("", statement, new short[0], values, new short[0]);
  }

  private static DataRow row(String value) {
    return new DataRow(List.of(value.getBytes(StandardCharsets.UTF_8)));
  }
}
