package dev.hyperdrive.endpoint.prepared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.wire.PgMessage;
import dev.hyperdrive.wire.frontend.Bind;
import dev.hyperdrive.wire.frontend.Close;
import dev.hyperdrive.wire.frontend.Describe;
import dev.hyperdrive.wire.frontend.Execute;
import dev.hyperdrive.wire.frontend.FrontendDecoder;
import dev.hyperdrive.wire.frontend.FrontendMessage;
import dev.hyperdrive.wire.frontend.Parse;
import dev.hyperdrive.wire.frontend.Query;
import dev.hyperdrive.wire.frontend.Sync;
import dev.hyperdrive.wire.frontend.Target;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The replay decisions as a table: which client (A or B) sends which message on which origin connection
 * (1 or 2), and what the origin receives for it. Two clients share one database's statement names; the
 * connections hold at most two statements. Answers are assumed to succeed (the planner's bookkeeping is
 * optimistic until the origin says otherwise; {@link ResponseQueueTest} covers what answers do).
 * Notation: P(name) Parse, B(name) Bind, D(name) Describe statement, C(name) Close statement, Q(sql),
 * E Execute, S Sync; {@code /swallow}, {@code /answer}, {@code /fail:SQLSTATE} give the answer's handling.
 */
class ReplayPlannerTest {

  static Stream<Arguments> table() {
    return Stream.of(
        row("a named Parse gets the shared server name, its Bind and Describe too",
            step("A1", parse("s1", "SELECT 1"), "P(hd_1)"),
            step("A1", bind("s1"), "B(hd_1)"),
            step("A1", new Describe(Target.STATEMENT, "s1"), "D(hd_1)"),
            step("A1", new Execute("", 0), "E"),
            step("A1", Sync.INSTANCE, "S")),
        row("a Bind on a connection that lacks the statement prepends the Parse, swallowed",
            step("A1", parse("s1", "SELECT 1"), "P(hd_1)"),
            step("A2", bind("s1"), "P(hd_1)/swallow B(hd_1)"),
            step("A2", bind("s1"), "B(hd_1)")),
        row("a standalone Describe replays the Parse too",
            step("A1", parse("s1", "SELECT 1"), "P(hd_1)"),
            step("A2", new Describe(Target.STATEMENT, "s1"), "P(hd_1)/swallow D(hd_1)")),
        row("equivalent statements from two clients share one server statement",
            step("A1", parse("a", "SELECT 1"), "P(hd_1)"),
            step("B1", parse("b", "SELECT 1"), "C(hd_absent)/answer"),
            step("B1", bind("b"), "B(hd_1)")),
        row("the same name for different SQL in two clients",
            step("A1", parse("s", "SELECT 1"), "P(hd_1)"),
            step("B1", parse("s", "SELECT 2"), "P(hd_2)"),
            step("A1", bind("s"), "B(hd_1)"),
            step("B1", bind("s"), "B(hd_2)")),
        row("re-Parse of a live name is 42P05, an unknown name 26000",
            step("A1", parse("s", "SELECT 1"), "P(hd_1)"),
            step("A1", parse("s", "SELECT 1"), "D(hd_absent)/fail:42P05"),
            step("A1", bind("nope"), "D(hd_absent)/fail:26000"),
            step("B1", bind("s"), "D(hd_absent)/fail:26000")),
        row("Close forgets the client's name, keeps the server statement, and is idempotent",
            step("A1", parse("s", "SELECT 1"), "P(hd_1)"),
            step("A1", new Close(Target.STATEMENT, "s"), "C(hd_absent)"),
            step("A1", new Close(Target.STATEMENT, "s"), "C(hd_absent)"),
            step("A1", bind("s"), "D(hd_absent)/fail:26000"),
            step("A1", parse("s", "SELECT 1"), "C(hd_absent)/answer")),
        row("beyond max_prepared_statements the least recently used is closed first",
            step("A1", parse("a", "SELECT 1"), "P(hd_1)"),
            step("A1", parse("b", "SELECT 2"), "P(hd_2)"),
            step("A1", bind("a"), "B(hd_1)"),
            step("A1", parse("c", "SELECT 3"), "C(hd_2)/swallow P(hd_3)"),
            step("A1", bind("b"), "C(hd_1)/swallow P(hd_2)/swallow B(hd_2)")),
        row("lib/pq: the unnamed statement is replayed on a connection that did not see it",
            step("A1", parse("", "SELECT $1"), "P()"),
            step("A1", Sync.INSTANCE, "S"),
            step("A2", bind(""), "P()/swallow B()"),
            step("A2", bind(""), "B()"),
            step("B2", parse("", "SELECT 2"), "P()"),
            step("A2", bind(""), "P()/swallow B()")),
        row("without an unnamed statement of its own, a Bind of it fails rather than use another's",
            step("A1", parse("", "SELECT 1"), "P()"),
            step("B1", bind(""), "D(hd_absent)/fail:26000"),
            step("A1", new Query("SELECT 1"), "Q(SELECT 1)"),
            step("A1", bind(""), "D(hd_absent)/fail:26000")),
        row("SQL-level PREPARE and EXECUTE are refused, DEALLOCATE answered for the caller's names only",
            step("A1", new Query("PREPARE p AS SELECT 1"), "Q(DEALLOCATE hd_absent)/fail:0A000"),
            step("A1", new Query("execute p"), "Q(DEALLOCATE hd_absent)/fail:0A000"),
            step("A1", parse("x", "EXECUTE p"), "D(hd_absent)/fail:0A000"),
            step("A1", parse("s", "SELECT 1"), "P(hd_1)"),
            step("B1", new Query("DEALLOCATE s"), "Q(DEALLOCATE hd_absent)/fail:26000"),
            step("A1", new Query("DEALLOCATE s"), "Q(SELECT)/answer"),
            step("A1", bind("s"), "D(hd_absent)/fail:26000")),
        row("DEALLOCATE ALL and DISCARD ALL go to the origin (their CommandComplete is watched)",
            step("A1", new Query("DEALLOCATE ALL"), "Q(DEALLOCATE ALL)"),
            step("A1", new Query("discard all"), "Q(discard all)"),
            step("A1", new Query("PREPARE TRANSACTION 'x'"), "Q(PREPARE TRANSACTION 'x')")));
  }

  private record Step(String who, FrontendMessage message, String expected) {
    @Override
    public String toString() {
      return who + " " + message.getClass().getSimpleName();
    }
  }

  private static Step step(String who, FrontendMessage message, String expected) {
    return new Step(who, message, expected);
  }

  private static Arguments row(String scenario, Step... steps) {
    return Arguments.of(scenario, List.of(steps));
  }

  private static Parse parse(String name, String sql) {
    return new Parse(name, sql, new int[0]);
  }

  private static Bind bind(String statement) {
    return new Bind("", statement, new short[0], List.of(), new short[0]);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void decides(String scenario, List<Step> steps) throws Exception {
    ServerStatementNames names = new ServerStatementNames();
    ReplayPlanner a = new ReplayPlanner(new ClientStatements(), names, 2);
    ReplayPlanner b = new ReplayPlanner(new ClientStatements(), names, 2);
    List<ConnectionStatements> connections = List.of(new ConnectionStatements(), new ConnectionStatements());
    for (Step step : steps) {
      ReplayPlanner planner = step.who().charAt(0) == 'A' ? a : b;
      ConnectionStatements held = connections.get(step.who().charAt(1) - '1');
      ByteBuf frame = encode(step.message());
      try {
        List<String> sent = new ArrayList<>();
        List<ExpectedResponse> answers = new ArrayList<>();
        render(planner.plan(frame, held), frame, sent, answers);
        assertThat(String.join(" ", sent)).as(step.toString()).isEqualTo(step.expected());
        answers.forEach(answer -> answer.outcome.succeeded()); // the origin answers each message well
      } finally {
        frame.release();
      }
    }
  }

  private static void render(ReplayDecision decision, ByteBuf original, List<String> sent,
      List<ExpectedResponse> answers) throws Exception {
    if (decision instanceof ReplayDecision.Forward forward) {
      sent.add(describe(original.duplicate(), forward.expected()));
      answers.add(forward.expected());
    } else if (decision instanceof ReplayDecision.Rewrite rewrite) {
      sent.add(describeAndRelease(encode(rewrite.replacement()), rewrite.expected()));
      answers.add(rewrite.expected());
    } else {
      ReplayDecision.Prepend prepend = (ReplayDecision.Prepend) decision;
      for (ReplayDecision.Injected injected : prepend.injected()) {
        sent.add(describeAndRelease(encode(injected.message()), injected.expected()));
        answers.add(injected.expected());
      }
      render(prepend.then(), original, sent, answers);
    }
  }

  private static String describeAndRelease(ByteBuf frame, ExpectedResponse expected) throws Exception {
    try {
      return describe(frame, expected);
    } finally {
      frame.release();
    }
  }

  private static String describe(ByteBuf frame, ExpectedResponse expected) throws Exception {
    FrontendMessage message = FrontendDecoder.decode(frame);
    String text;
    if (message instanceof Parse parse) {
      text = "P(" + parse.statement() + ")";
    } else if (message instanceof Bind bind) {
      text = "B(" + bind.statement() + ")";
    } else if (message instanceof Describe describe) {
      text = "D(" + describe.name() + ")";
    } else if (message instanceof Close close) {
      text = "C(" + close.name() + ")";
    } else if (message instanceof Query query) {
      text = "Q(" + query.sql() + ")";
    } else {
      text = message instanceof Execute ? "E" : "S";
    }
    ResponseHandling handling = expected.handling;
    if (handling instanceof ResponseHandling.Swallow) {
      text += "/swallow";
    } else if (handling instanceof ResponseHandling.AnswerAs) {
      text += "/answer";
    } else if (handling instanceof ResponseHandling.FailAs failAs) {
      text += "/fail:" + failAs.error().fields().sqlState();
    }
    return text;
  }

  private static ByteBuf encode(PgMessage message) {
    ByteBuf buffer = Unpooled.buffer();
    message.encode(buffer);
    return buffer;
  }
}
