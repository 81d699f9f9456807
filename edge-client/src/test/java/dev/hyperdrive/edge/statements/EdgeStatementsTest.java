package dev.hyperdrive.edge.statements;

import static dev.hyperdrive.edge.statements.StatementScript.bind;
import static dev.hyperdrive.edge.statements.StatementScript.decode;
import static dev.hyperdrive.edge.statements.StatementScript.tags;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.wire.TransactionStatus;
import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.backend.BindComplete;
import dev.hyperdrive.wire.backend.CloseComplete;
import dev.hyperdrive.wire.backend.CommandComplete;
import dev.hyperdrive.wire.backend.DataRow;
import dev.hyperdrive.wire.backend.ErrorResponse;
import dev.hyperdrive.wire.backend.NoData;
import dev.hyperdrive.wire.backend.NoticeResponse;
import dev.hyperdrive.wire.backend.ParameterDescription;
import dev.hyperdrive.wire.backend.ParseComplete;
import dev.hyperdrive.wire.backend.ReadyForQuery;
import dev.hyperdrive.wire.backend.RowDescription;
import dev.hyperdrive.wire.frontend.Close;
import dev.hyperdrive.wire.frontend.Describe;
import dev.hyperdrive.wire.frontend.Execute;
import dev.hyperdrive.wire.frontend.Flush;
import dev.hyperdrive.wire.frontend.Parse;
import dev.hyperdrive.wire.frontend.Query;
import dev.hyperdrive.wire.frontend.StatementKey;
import dev.hyperdrive.wire.frontend.Sync;
import dev.hyperdrive.wire.frontend.Target;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scenarios of one or two sessions sharing a database's statement metadata, narrated step by step:
 * what the driver sends, what the edge decides, what the origin answers and what the driver sees.
 */
class EdgeStatementsTest {
  private static final String SQL = "select id, name from users where id = $1";
  private static final Parse PARSE_S1 = new Parse("s1", SQL, new int[0]);
  private static final Describe DESCRIBE_S1 = new Describe(Target.STATEMENT, "s1");
  private static final ParameterDescription INT4_PARAMETER = new ParameterDescription(new int[] {23});
  private static final RowDescription ID_AND_NAME = rows("id", "name");
  private static final RowDescription ID_NAME_AND_EMAIL = rows("id", "name", "email");
  private static final DataRow ROW = new DataRow(List.of(bytes("1"), bytes("ann")));

  private final StatementMetadataCache cache = new StatementMetadataCache(100);

  @Test
  void firstSessionLearnsThenSecondIsAnsweredLocallyAndItsBindCarriesTheParse() throws Exception {
    StatementScript first = new StatementScript(cache);
    // 1. An unknown statement (postgres.js: Parse, Describe, Flush) goes to the origin untouched.
    BatchDecision.Forward learn = forwarded(first.driverSends(PARSE_S1, DESCRIBE_S1, Flush.INSTANCE));
    assertThat(tags(learn.frames())).isEqualTo("PDH");
    learn.frames().release();
    // 2. The origin's answers pass to the driver as they are, and the edge learns the description.
    assertThat(first.originAnswers(ParseComplete.INSTANCE, INT4_PARAMETER, ID_AND_NAME))
        .containsExactly(ParseComplete.INSTANCE, INT4_PARAMETER, ID_AND_NAME);
    assertThat(cache.lookup(new StatementKey(SQL, new int[0])).orElseThrow().shape()).isPresent();

    StatementScript second = new StatementScript(cache);
    // 3. Another session prepares the same statement: answered here, no round trip.
    assertThat(locally(second.driverSends(PARSE_S1, DESCRIBE_S1, Flush.INSTANCE)))
        .containsExactly(ParseComplete.INSTANCE, INT4_PARAMETER, ID_AND_NAME);
    // 4. Its Bind/Execute/Sync goes out with the Parse (and a Describe to check) in front.
    BatchDecision.Forward run = forwarded(second.driverSends(bind("s1"), new Execute("", 0), Sync.INSTANCE));
    assertThat(tags(run.frames())).isEqualTo("PDBES");
    run.frames().release();
    // 5. The driver sees no ParseComplete nor description it did not ask for.
    assertThat(second.originAnswers(ParseComplete.INSTANCE, INT4_PARAMETER, ID_AND_NAME, BindComplete.INSTANCE, ROW,
        new CommandComplete("SELECT 1"), ReadyForQuery.IDLE))
        .containsExactly(BindComplete.INSTANCE, ROW, new CommandComplete("SELECT 1"), ReadyForQuery.IDLE);
    // 6. The statement now lives at the origin: the next use goes as the driver sent it.
    BatchDecision.Forward again = forwarded(second.driverSends(bind("s1"), new Execute("", 0), Sync.INSTANCE));
    assertThat(tags(again.frames())).isEqualTo("BES");
    again.frames().release();
    assertThat(second.statements.outstanding()).isEqualTo(3);
  }

  @Test
  void answersArrivingOneByteAtATimeAreFilteredTheSame() throws Exception {
    StatementScript session = sessionWithLocallyPreparedS1();
    forwarded(session.driverSends(bind("s1"), new Execute("", 0), Sync.INSTANCE)).frames().release();
    NoticeResponse notice = new NoticeResponse(ErrorResponse.error("01000", "a notice").fields());
    assertThat(session.originAnswers(1, ParseComplete.INSTANCE, notice, INT4_PARAMETER, ID_AND_NAME,
        BindComplete.INSTANCE, ROW, new CommandComplete("SELECT 1"), ReadyForQuery.IN_TRANSACTION))
        .containsExactly(notice, BindComplete.INSTANCE, ROW, new CommandComplete("SELECT 1"),
            ReadyForQuery.IN_TRANSACTION);
  }

  @Test
  void aChangedResultTypeBecomesPostgresqlsCachedPlanErrorAndTheEntryIsDropped() throws Exception {
    StatementScript session = sessionWithLocallyPreparedS1();
    forwarded(session.driverSends(bind("s1"), new Execute("", 0), Sync.INSTANCE)).frames().release();
    // A column was added since the edge learned the statement: the rows are withheld.
    List<BackendMessage> seen = session.originAnswers(ParseComplete.INSTANCE, INT4_PARAMETER, ID_NAME_AND_EMAIL,
        BindComplete.INSTANCE, ROW, new CommandComplete("SELECT 1"), ReadyForQuery.IDLE);
    assertThat(seen).hasSize(2);
    ErrorResponse error = (ErrorResponse) seen.get(0);
    assertThat(error.sqlState()).isEqualTo("0A000");
    assertThat(error.message()).isEqualTo("cached plan must not change result type");
    assertThat(error.fields().get(dev.hyperdrive.wire.backend.Notice.ROUTINE)).isEqualTo("RevalidateCachedQuery");
    assertThat(seen.get(1)).isEqualTo(ReadyForQuery.IDLE);
    assertThat(cache.lookup(new StatementKey(SQL, new int[0]))).isEmpty();
    // The driver re-prepares (postgres.js retries under a new name): it goes to the origin.
    BatchDecision.Forward retry = forwarded(session.driverSends(new Parse("s2", SQL, new int[0]),
        new Describe(Target.STATEMENT, "s2"), Flush.INSTANCE));
    assertThat(tags(retry.frames())).isEqualTo("PDH");
    retry.frames().release();
  }

  @Test
  void aDescriptionThatDiffersOnlyWherePostgresqlDoesNotLookPassesAndIsRelearned() throws Exception {
    StatementScript session = sessionWithLocallyPreparedS1();
    forwarded(session.driverSends(bind("s1"), new Execute("", 0), Sync.INSTANCE)).frames().release();
    // The table was recreated (new table OID) and the parameter now resolves to int8: same row type.
    RowDescription recreated = new RowDescription(List.of(
        new RowDescription.Field("id", 99999, (short) 1, 25, (short) -1, -1, (short) 0),
        new RowDescription.Field("name", 99999, (short) 2, 25, (short) -1, -1, (short) 0)));
    ParameterDescription int8 = new ParameterDescription(new int[] {20});
    assertThat(session.originAnswers(ParseComplete.INSTANCE, int8, recreated, BindComplete.INSTANCE, ROW,
        new CommandComplete("SELECT 1"), ReadyForQuery.IDLE))
        .containsExactly(BindComplete.INSTANCE, ROW, new CommandComplete("SELECT 1"), ReadyForQuery.IDLE);
    StatementScript next = new StatementScript(cache);
    assertThat(locally(next.driverSends(PARSE_S1, DESCRIBE_S1, Flush.INSTANCE)))
        .containsExactly(ParseComplete.INSTANCE, int8, recreated);
  }

  @Test
  void anInjectedParseTheOriginRefusesShowsItsErrorAndTheStatementStaysPending() throws Exception {
    StatementScript session = sessionWithLocallyPreparedS1();
    forwarded(session.driverSends(bind("s1"), new Execute("", 0), Sync.INSTANCE)).frames().release();
    ErrorResponse dropped = ErrorResponse.error("42P01", "relation \"users\" does not exist");
    // The error stands where the driver expected BindComplete; the rest is skipped up to Sync.
    assertThat(session.originAnswers(dropped, ReadyForQuery.IDLE)).containsExactly(dropped, ReadyForQuery.IDLE);
    assertThat(session.statements.outstanding()).isZero();
    // The driver still believes s1 exists: its next use carries the Parse again.
    BatchDecision.Forward again = forwarded(session.driverSends(bind("s1"), new Execute("", 0), Sync.INSTANCE));
    assertThat(tags(again.frames())).isEqualTo("PDBES");
    again.frames().release();
  }

  @Test
  void parseThenSyncIsAnsweredWithTheSessionsRealTransactionStatus() throws Exception {
    learnS1();
    StatementScript session = new StatementScript(cache).status(TransactionStatus.IN_TRANSACTION);
    assertThat(locally(session.driverSends(new Parse("p0", SQL, new int[0]), Sync.INSTANCE)))
        .containsExactly(ParseComplete.INSTANCE, ReadyForQuery.IN_TRANSACTION);
  }

  @Test
  void noLocalAnswerInAFailedTransactionOrWhileTheOriginOwesAnswers() throws Exception {
    learnS1();
    StatementScript failed = new StatementScript(cache).status(TransactionStatus.FAILED);
    forwarded(failed.driverSends(PARSE_S1, Sync.INSTANCE)).frames().release();
    StatementScript busy = new StatementScript(cache).originSettled(false);
    forwarded(busy.driverSends(PARSE_S1, Sync.INSTANCE)).frames().release();
  }

  @Test
  void reParsingALiveNameIsLeftToTheOriginToRefuse() throws Exception {
    StatementScript session = learnS1();
    // s1 is prepared at the origin for this session: PostgreSQL answers 42P05, so must we.
    forwarded(session.driverSends(PARSE_S1, Sync.INSTANCE)).frames().release();
    // A locally prepared name parsed again goes out behind its first Parse, so the origin refuses the second.
    StatementScript other = new StatementScript(cache);
    assertThat(locally(other.driverSends(PARSE_S1, Flush.INSTANCE))).containsExactly(ParseComplete.INSTANCE);
    BatchDecision.Forward twice = forwarded(other.driverSends(PARSE_S1, Sync.INSTANCE));
    assertThat(tags(twice.frames())).isEqualTo("PDPS");
    twice.frames().release();
  }

  @Test
  void closingAStatementTheOriginNeverSawIsAnsweredLocally() throws Exception {
    StatementScript session = sessionWithLocallyPreparedS1();
    assertThat(locally(session.driverSends(new Close(Target.STATEMENT, "s1"), Sync.INSTANCE)))
        .containsExactly(CloseComplete.INSTANCE, ReadyForQuery.IDLE);
    // Gone: a Bind of it now reaches the origin as sent, which says 26000 as PostgreSQL would.
    BatchDecision.Forward bind = forwarded(session.driverSends(bind("s1"), new Execute("", 0), Sync.INSTANCE));
    assertThat(tags(bind.frames())).isEqualTo("BES");
    bind.frames().release();
  }

  @Test
  void anUnnamedStatementReplacedBeforeUseIsNeverSent() throws Exception {
    learnS1();
    StatementScript session = new StatementScript(cache);
    Parse unnamed = new Parse("", SQL, new int[0]);
    assertThat(locally(session.driverSends(unnamed, new Describe(Target.STATEMENT, ""), Flush.INSTANCE)))
        .containsExactly(ParseComplete.INSTANCE, INT4_PARAMETER, ID_AND_NAME);
    BatchDecision.Forward replaced = forwarded(session.driverSends(new Parse("", "select 2", new int[0]),
        bind(""), new Execute("", 0), Sync.INSTANCE));
    assertThat(tags(replaced.frames())).isEqualTo("PBES");
    replaced.frames().release();
  }

  @Test
  void anUnnamedStatementUsedLaterCarriesItsParse() throws Exception {
    learnS1();
    StatementScript session = new StatementScript(cache);
    assertThat(locally(session.driverSends(new Parse("", SQL, new int[0]), Sync.INSTANCE)))
        .containsExactly(ParseComplete.INSTANCE, ReadyForQuery.IDLE);
    BatchDecision.Forward used = forwarded(session.driverSends(bind(""), new Execute("", 0), Sync.INSTANCE));
    assertThat(tags(used.frames())).isEqualTo("PDBES");
    used.frames().release();
    // Never described to the driver: the origin's description is learned, not checked.
    assertThat(session.originAnswers(ParseComplete.INSTANCE, INT4_PARAMETER, ID_NAME_AND_EMAIL, BindComplete.INSTANCE,
        new CommandComplete("SELECT 0"), ReadyForQuery.IDLE))
        .containsExactly(BindComplete.INSTANCE, new CommandComplete("SELECT 0"), ReadyForQuery.IDLE);
  }

  @Test
  void errorsSkipEverythingUpToSyncEvenWhenTheSyncComesInALaterBatch() throws Exception {
    StatementScript session = new StatementScript(cache);
    forwarded(session.driverSends(new Parse("", "select 1/0", new int[0]), bind(""), new Execute("", 0),
        Flush.INSTANCE)).frames().release();
    ErrorResponse divisionByZero = ErrorResponse.error("22012", "division by zero");
    assertThat(session.originAnswers(ParseComplete.INSTANCE, BindComplete.INSTANCE, divisionByZero))
        .containsExactly(ParseComplete.INSTANCE, BindComplete.INSTANCE, divisionByZero);
    // The origin ignores these until Sync: nothing is expected from them.
    forwarded(session.driverSends(bind(""), new Execute("", 0), Sync.INSTANCE)).frames().release();
    assertThat(session.statements.outstanding()).isEqualTo(1);
    assertThat(session.originAnswers(ReadyForQuery.IDLE)).containsExactly(ReadyForQuery.IDLE);
    assertThat(session.statements.outstanding()).isZero();
  }

  @Test
  void aSimpleQueryNamingPreparedStatementsGetsTheLocallyPreparedOnesFirst() throws Exception {
    StatementScript session = sessionWithLocallyPreparedS1();
    BatchDecision.Forward deallocate = forwarded(session.driverSends(new Query("DEALLOCATE s1")));
    assertThat(tags(deallocate.frames())).isEqualTo("PDSQ");
    deallocate.frames().release();
    assertThat(session.originAnswers(ParseComplete.INSTANCE, INT4_PARAMETER, ID_AND_NAME, ReadyForQuery.IDLE,
        new CommandComplete("DEALLOCATE"), ReadyForQuery.IDLE))
        .containsExactly(new CommandComplete("DEALLOCATE"), ReadyForQuery.IDLE);
  }

  @Test
  void aRefusedInjectedParseBeforeASimpleQueryCannotHideTheQuery() throws Exception {
    StatementScript session = sessionWithLocallyPreparedS1();
    forwarded(session.driverSends(new Query("DISCARD ALL"))).frames().release();
    ErrorResponse dropped = ErrorResponse.error("42P01", "relation \"users\" does not exist");
    // The injected Sync ends the skipping: the Query runs, and its answer is all the driver sees.
    assertThat(session.originAnswers(dropped, ReadyForQuery.IDLE, new CommandComplete("DISCARD ALL"),
        ReadyForQuery.IDLE)).containsExactly(new CommandComplete("DISCARD ALL"), ReadyForQuery.IDLE);
    assertThat(session.statements.outstanding()).isZero();
  }

  @Test
  void describeOfAStatementWithoutRowsReplaysNoData() throws Exception {
    StatementScript first = new StatementScript(cache);
    Parse insert = new Parse("ins", "insert into t values ($1)", new int[0]);
    forwarded(first.driverSends(insert, new Describe(Target.STATEMENT, "ins"), Sync.INSTANCE)).frames().release();
    first.originAnswers(ParseComplete.INSTANCE, INT4_PARAMETER, NoData.INSTANCE, ReadyForQuery.IDLE);
    StatementScript second = new StatementScript(cache);
    assertThat(locally(second.driverSends(insert, new Describe(Target.STATEMENT, "ins"), Sync.INSTANCE)))
        .containsExactly(ParseComplete.INSTANCE, INT4_PARAMETER, NoData.INSTANCE, ReadyForQuery.IDLE);
  }

  // ---- helpers ------------------------------------------------------------------------------------

  /** A session (not the one returned) prepared and described s1 through the origin. */
  private StatementScript learnS1() throws Exception {
    StatementScript learner = new StatementScript(cache);
    forwarded(learner.driverSends(PARSE_S1, DESCRIBE_S1, Sync.INSTANCE)).frames().release();
    learner.originAnswers(ParseComplete.INSTANCE, INT4_PARAMETER, ID_AND_NAME, ReadyForQuery.IDLE);
    return learner;
  }

  private StatementScript sessionWithLocallyPreparedS1() throws Exception {
    learnS1();
    StatementScript session = new StatementScript(cache);
    assertThat(locally(session.driverSends(PARSE_S1, DESCRIBE_S1, Flush.INSTANCE))).hasSize(3);
    return session;
  }

  private static BatchDecision.Forward forwarded(BatchDecision decision) {
    assertThat(decision).isInstanceOf(BatchDecision.Forward.class);
    return (BatchDecision.Forward) decision;
  }

  private static List<BackendMessage> locally(BatchDecision decision) throws Exception {
    assertThat(decision).isInstanceOf(BatchDecision.AnswerLocally.class);
    BatchDecision.AnswerLocally local = (BatchDecision.AnswerLocally) decision;
    try {
      return decode(local.replies());
    } finally {
      local.replies().release();
    }
  }

  private static RowDescription rows(String... names) {
    return new RowDescription(java.util.Arrays.stream(names)
        .map(name -> new RowDescription.Field(name, 16384, (short) 1, 25, (short) -1, -1, (short) 0)).toList());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
