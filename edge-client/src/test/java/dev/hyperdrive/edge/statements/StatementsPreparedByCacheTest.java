package dev.hyperdrive.edge.statements;

import static dev.hyperdrive.edge.statements.StatementScript.tags;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.wire.backend.BindComplete;
import dev.hyperdrive.wire.backend.CloseComplete;
import dev.hyperdrive.wire.backend.CommandComplete;
import dev.hyperdrive.wire.backend.ParameterDescription;
import dev.hyperdrive.wire.backend.ParseComplete;
import dev.hyperdrive.wire.backend.ReadyForQuery;
import dev.hyperdrive.wire.backend.RowDescription;
import dev.hyperdrive.wire.frontend.Bind;
import dev.hyperdrive.wire.frontend.Close;
import dev.hyperdrive.wire.frontend.Execute;
import dev.hyperdrive.wire.frontend.Parse;
import dev.hyperdrive.wire.frontend.Query;
import dev.hyperdrive.wire.frontend.Sync;
import dev.hyperdrive.wire.frontend.Target;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The result cache answered a batch holding a Parse, so the driver believes the statement exists while the
 * origin never saw it: the edge owes the origin that Parse, exactly as for a statement it answered itself.
 */
class StatementsPreparedByCacheTest {
  private static final String SQL = "select name from users where id = $1";
  private final StatementScript session = new StatementScript(new StatementMetadataCache(100));

  private static Bind bind(String statement, String value) {
    return new Bind("", statement, new short[0], List.of(value.getBytes()), new short[0]);
  }

  private static String forwardedTags(BatchDecision decision) {
    assertThat(decision).isInstanceOf(BatchDecision.Forward.class);
    BatchDecision.Forward forward = (BatchDecision.Forward) decision;
    try {
      return tags(forward.frames());
    } finally {
      forward.frames().release();
    }
  }

  @Test
  void aLaterBindOfTheNamedStatementCarriesItsParseAndTheDriverSeesOnlyItsOwnAnswers() throws Exception {
    // 1. The cache answered Parse(s1)/Bind/Execute/Sync: the edge now owes the origin s1.
    assertThat(session.statements.canPrepareWithoutOrigin("s1")).isTrue();
    session.statements.preparedWithoutOrigin(new Parse("s1", SQL, new int[0]));
    // 2. A second Parse of s1 would be PostgreSQL's 42P05: the cache must leave it to the origin.
    assertThat(session.statements.canPrepareWithoutOrigin("s1")).isFalse();
    // 3. The next Bind of s1 that misses the cache goes out with the Parse (and a Describe) in front.
    assertThat(forwardedTags(session.driverSends(bind("s1", "2"), new Execute("", 0), Sync.INSTANCE)))
        .isEqualTo("PDBES");
    // 4. The answers to those injected requests never reach the driver.
    assertThat(session.originAnswers(ParseComplete.INSTANCE, new ParameterDescription(new int[] {23}),
        new RowDescription(List.of(new RowDescription.Field("name", 0, (short) 0, 25, (short) -1, -1, (short) 0))),
        BindComplete.INSTANCE, new CommandComplete("SELECT 0"), ReadyForQuery.IDLE))
        .containsExactly(BindComplete.INSTANCE, new CommandComplete("SELECT 0"), ReadyForQuery.IDLE);
    // 5. Now at the origin: the name stays taken.
    assertThat(session.statements.canPrepareWithoutOrigin("s1")).isFalse();
  }

  @Test
  void closingItBeforeAnyUseNeverBothersTheOrigin() throws Exception {
    session.statements.preparedWithoutOrigin(new Parse("s1", SQL, new int[0]));
    BatchDecision close = session.driverSends(new Close(Target.STATEMENT, "s1"), Sync.INSTANCE);
    assertThat(close).isInstanceOf(BatchDecision.AnswerLocally.class);
    BatchDecision.AnswerLocally local = (BatchDecision.AnswerLocally) close;
    assertThat(StatementScript.decode(local.replies())).containsExactly(CloseComplete.INSTANCE, ReadyForQuery.IDLE);
    local.replies().release();
    assertThat(session.statements.canPrepareWithoutOrigin("s1")).isTrue();
  }

  @Test
  void deallocateInSqlSendsTheOwedParseFirst() throws Exception {
    session.statements.preparedWithoutOrigin(new Parse("s1", SQL, new int[0]));
    assertThat(forwardedTags(session.driverSends(new Query("DEALLOCATE s1")))).isEqualTo("PDSQ");
  }

  @Test
  void theUnnamedStatementBoundWithoutParseCarriesIt() throws Exception {
    assertThat(session.statements.canPrepareWithoutOrigin("")).isTrue();
    session.statements.preparedWithoutOrigin(new Parse("", SQL, new int[0]));
    assertThat(session.statements.canPrepareWithoutOrigin("")).isTrue(); // the unnamed one is always replaceable
    assertThat(forwardedTags(session.driverSends(bind("", "3"), new Execute("", 0), Sync.INSTANCE))).isEqualTo("PDBES");
  }

  @Test
  void aSimpleQueryReplacesTheOwedUnnamedStatement() throws Exception {
    session.statements.preparedWithoutOrigin(new Parse("", SQL, new int[0]));
    assertThat(forwardedTags(session.driverSends(new Query("select 1")))).isEqualTo("Q");
    session.originAnswers(new CommandComplete("SELECT 1"), ReadyForQuery.IDLE);
    assertThat(forwardedTags(session.driverSends(bind("", "3"), new Execute("", 0), Sync.INSTANCE))).isEqualTo("BES");
  }
}
