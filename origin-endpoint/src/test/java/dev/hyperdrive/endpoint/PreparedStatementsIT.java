package dev.hyperdrive.endpoint;

import static dev.hyperdrive.testing.ScriptFrames.bind;
import static dev.hyperdrive.testing.ScriptFrames.closeStatement;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PostgreSQL's per-client prepared-statement semantics, kept while every session shares the pool's one
 * origin connection (pool of 1): each step is one batch and the transcript of what the driver got back.
 */
@ExtendWith(PostgresExtension.class)
class PreparedStatementsIT {
  private RelayHarness relay;

  @BeforeEach
  void start(EmbeddedOrigin origin) {
    relay = RelayHarness.start(origin, PoolSettings.DEFAULTS.withDefaultPoolSize(1));
  }

  @AfterEach
  void stop() {
    relay.close();
  }

  @Test
  void twoSessionsUseOneNameForDifferentSql() throws Exception {
    try (RelayStream a = relay.session(); RelayStream b = relay.session()) {
      // A and B both call their statement "s", meaning different things, on the same origin connection.
      assertThat(say(a, parse("s", "SELECT 'from A'"), sync())).isEqualTo("1 Z(I)");
      assertThat(say(b, parse("s", "SELECT 'from B'"), sync())).isEqualTo("1 Z(I)");
      assertThat(say(a, bind("s"), execute(), sync())).isEqualTo("2 D(from A) C(SELECT 1) Z(I)");
      assertThat(say(b, bind("s"), execute(), sync())).isEqualTo("2 D(from B) C(SELECT 1) Z(I)");
    }
  }

  @Test
  void equivalentStatementsShareOneServerStatement() throws Exception {
    try (RelayStream a = relay.session(); RelayStream b = relay.session(); RelayStream c = relay.session()) {
      // Three clients prepare the same SQL under three names; the connection holds it once.
      assertThat(say(a, parse("a1", "SELECT 'shared'"), sync())).isEqualTo("1 Z(I)");
      assertThat(say(b, parse("b1", "SELECT 'shared'"), sync())).isEqualTo("1 Z(I)");
      assertThat(say(c, parse("c1", "SELECT 'shared'"), bind("c1"), execute(), sync()))
          .isEqualTo("1 2 D(shared) C(SELECT 1) Z(I)");
      assertThat(say(a, query("SELECT count(*) FROM pg_prepared_statements WHERE statement = 'SELECT ''shared'''")))
          .isEqualTo("T D(1) C(SELECT 1) Z(I)");
    }
  }

  @Test
  void reParseOfALiveNameIs42P05AndAnUnknownNameIs26000() throws Exception {
    try (RelayStream a = relay.session(); RelayStream b = relay.session()) {
      assertThat(say(a, parse("s", "SELECT 1"), sync())).isEqualTo("1 Z(I)");
      // Parsing "s" again is PostgreSQL's 42P05; the rest of the batch is skipped until Sync.
      assertThat(say(a, parse("s", "SELECT 1"), bind("s"), execute(), sync()))
          .isEqualTo("E(42P05 prepared statement \"s\" already exists) Z(I)");
      // B has no "s", though A's statement is on the very connection B uses.
      assertThat(say(b, bind("s"), execute(), sync()))
          .isEqualTo("E(26000 prepared statement \"s\" does not exist) Z(I)");
      assertThat(say(b, describeStatement("nope"), sync()))
          .isEqualTo("E(26000 prepared statement \"nope\" does not exist) Z(I)");
      // Inside a transaction the error aborts it, as in PostgreSQL.
      assertThat(say(a, query("BEGIN"))).isEqualTo("C(BEGIN) Z(T)");
      assertThat(say(a, parse("s", "SELECT 2"), sync())).isEqualTo("E(42P05 prepared statement \"s\" already exists) Z(E)");
      assertThat(say(a, query("ROLLBACK"))).isEqualTo("C(ROLLBACK) Z(I)");
      assertThat(say(a, bind("s"), execute(), sync())).isEqualTo("2 D(1) C(SELECT 1) Z(I)");
    }
  }

  @Test
  void closeIsHonouredAndIdempotent() throws Exception {
    try (RelayStream a = relay.session(); RelayStream b = relay.session()) {
      assertThat(say(a, parse("s", "SELECT 'a'"), sync())).isEqualTo("1 Z(I)");
      assertThat(say(b, parse("s", "SELECT 'a'"), sync())).isEqualTo("1 Z(I)");
      assertThat(say(a, closeStatement("s"), sync())).isEqualTo("3 Z(I)");
      assertThat(say(a, closeStatement("s"), closeStatement("never-was"), sync())).isEqualTo("3 3 Z(I)");
      assertThat(say(a, bind("s"), execute(), sync())).isEqualTo("E(26000 prepared statement \"s\" does not exist) Z(I)");
      // B's statement of the same SQL is untouched, and A may use the name again.
      assertThat(say(b, bind("s"), execute(), sync())).isEqualTo("2 D(a) C(SELECT 1) Z(I)");
      assertThat(say(a, parse("s", "SELECT 'again'"), bind("s"), execute(), sync()))
          .isEqualTo("1 2 D(again) C(SELECT 1) Z(I)");
    }
  }

  @Test
  void deallocateAndDiscardAllAffectOnlyTheCallersStatements() throws Exception {
    try (RelayStream a = relay.session(); RelayStream b = relay.session()) {
      assertThat(say(a, parse("a1", "SELECT 'a1'"), parse("a2", "SELECT 'a2'"), sync())).isEqualTo("1 1 Z(I)");
      assertThat(say(b, parse("b1", "SELECT 'b1'"), sync())).isEqualTo("1 Z(I)");

      // DEALLOCATE name: only A's a1 goes; an unknown name is 26000, as in PostgreSQL.
      assertThat(say(a, query("DEALLOCATE a1"))).isEqualTo("C(DEALLOCATE) Z(I)");
      assertThat(say(a, query("deallocate prepare a1"))).isEqualTo("E(26000 prepared statement \"a1\" does not exist) Z(I)");
      assertThat(say(b, query("DEALLOCATE a2"))).isEqualTo("E(26000 prepared statement \"a2\" does not exist) Z(I)");
      assertThat(say(a, bind("a2"), execute(), sync())).isEqualTo("2 D(a2) C(SELECT 1) Z(I)");

      // DEALLOCATE ALL: all of A's statements, none of B's.
      assertThat(say(a, query("DEALLOCATE ALL"))).isEqualTo("C(DEALLOCATE ALL) Z(I)");
      assertThat(say(a, bind("a2"), execute(), sync())).isEqualTo("E(26000 prepared statement \"a2\" does not exist) Z(I)");
      assertThat(say(b, bind("b1"), execute(), sync())).isEqualTo("2 D(b1) C(SELECT 1) Z(I)");

      // DISCARD ALL: the same for A's statements; in a transaction block it fails as PostgreSQL says.
      assertThat(say(a, parse("a3", "SELECT 'a3'"), sync())).isEqualTo("1 Z(I)");
      assertThat(say(a, query("BEGIN"))).isEqualTo("C(BEGIN) Z(T)");
      assertThat(say(a, query("DISCARD ALL"))).isEqualTo("E(25001 DISCARD ALL cannot run inside a transaction block) Z(E)");
      assertThat(say(a, query("ROLLBACK"))).isEqualTo("C(ROLLBACK) Z(I)");
      assertThat(say(a, query("DISCARD ALL"))).isEqualTo("C(DISCARD ALL) Z(I)");
      assertThat(say(a, bind("a3"), execute(), sync())).isEqualTo("E(26000 prepared statement \"a3\" does not exist) Z(I)");
      assertThat(say(b, bind("b1"), execute(), sync())).isEqualTo("2 D(b1) C(SELECT 1) Z(I)");
    }
  }

  @Test
  void sqlLevelPrepareAndExecuteAreRefusedClearly() throws Exception {
    try (RelayStream a = relay.session()) {
      String refusal = say(a, query("PREPARE p(int) AS SELECT $1"));
      assertThat(refusal).startsWith("E(0A000 SQL-level PREPARE is not supported").endsWith("Z(I)");
      assertThat(say(a, query("EXECUTE p(1)"))).startsWith("E(0A000 SQL-level EXECUTE is not supported");
      assertThat(say(a, parse("", "EXECUTE p(1)"), bind(""), execute(), sync()))
          .startsWith("E(0A000 SQL-level EXECUTE is not supported").endsWith(") Z(I)");
      // The session stays usable, and PREPARE TRANSACTION is not mistaken for PREPARE.
      assertThat(say(a, query("SELECT 7"))).isEqualTo("T D(7) C(SELECT 1) Z(I)");
      // (outside a transaction PostgreSQL warns "there is no transaction in progress" and rolls back)
      assertThat(say(a, query("PREPARE TRANSACTION 'x'"))).isEqualTo("NoticeResponse C(ROLLBACK) Z(I)");
    }
  }

  @Test
  void aParseThatFailedIsNotRemembered() throws Exception {
    try (RelayStream a = relay.session()) {
      assertThat(say(a, parse("s", "SELEC 1"), sync())).isEqualTo("E(42601 syntax error at or near \"SELEC\") Z(I)");
      assertThat(say(a, bind("s"), execute(), sync())).isEqualTo("E(26000 prepared statement \"s\" does not exist) Z(I)");
      // In a pipeline, the Parse after the failing one is skipped until Sync, so it does not exist either.
      assertThat(say(a, parse("ok", "SELECT 1"), parse("bad", "SELECT nope"), parse("skipped", "SELECT 3"), sync()))
          .isEqualTo("1 E(42703 column \"nope\" does not exist) Z(I)");
      assertThat(say(a, bind("skipped"), execute(), sync()))
          .isEqualTo("E(26000 prepared statement \"skipped\" does not exist) Z(I)");
      assertThat(say(a, parse("s", "SELECT 'now fine'"), parse("skipped", "SELECT 3"), bind("s"), execute(), sync()))
          .isEqualTo("1 1 2 D(now fine) C(SELECT 1) Z(I)");
      assertThat(say(a, bind("ok"), execute(), sync())).isEqualTo("2 D(1) C(SELECT 1) Z(I)");
    }
  }
}
