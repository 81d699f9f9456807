package dev.hyperdrive.endpoint.prepared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.wire.backend.CommandComplete;
import dev.hyperdrive.wire.backend.ErrorResponse;
import dev.hyperdrive.wire.backend.ParseComplete;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The response queue as a table: the messages sent (kind and handling), the origin's answers (backend
 * tags; {@code E} is an error, {@code E25P02} one with that SQLSTATE, {@code C:tag} a CommandComplete),
 * what the driver gets for each answer (F forward, S swallow, R replaced) and what each sent message
 * learned (ok, failed, skipped, or - for not yet).
 */
class ResponseQueueTest {

  static Stream<Arguments> table() {
    return Stream.of(
        row("parse bind execute sync, all well",
            "parse bind execute sync", "1 2 D D C Z", "F F F F F F", "ok ok ok ok"),
        row("a replayed Parse's ParseComplete is swallowed, the driver's Bind answered",
            "parse/swallow bind execute sync", "1 2 C Z", "S F F F", "ok ok ok ok"),
        row("an eviction's CloseComplete and a replay's ParseComplete are both swallowed",
            "close/swallow parse/swallow bind execute sync", "3 1 2 C Z", "S S F F F", "ok ok ok ok ok"),
        row("a failed replay's error is the driver's error; the rest is skipped until Sync",
            "parse/swallow bind execute sync", "E Z", "F F", "failed skipped skipped ok"),
        row("an error in the middle skips to Sync; the next pipeline is matched afresh",
            "parse bind execute sync parse/swallow bind sync", "1 2 E Z 1 2 Z", "F F F F S F F",
            "ok ok failed ok ok ok ok"),
        row("a stand-in Close answers as ParseComplete",
            "close/answer sync", "3 Z", "R F", "ok ok"),
        row("a probe's error is replaced by the driver's error",
            "describeS/fail sync", "E Z", "R F", "failed ok"),
        row("in an aborted transaction the probe's 25P02 is what PostgreSQL would say: forwarded",
            "describeS/fail sync", "E25P02 Z", "F F", "failed ok"),
        row("describe statement: ParameterDescription then RowDescription",
            "describeS describeP sync", "t T n Z", "F F F F", "ok ok ok"),
        row("a simple Query's error fails only the Query, which still ends at ReadyForQuery",
            "query query", "T D C E Z C Z", "F F F F F F F", "failed ok"),
        row("a stand-in Query's rows are swallowed and its CommandComplete replaced",
            "query/answer", "T D C:SELECT_1 Z", "S S R F", "ok"),
        row("a failing stand-in Query's error is replaced",
            "query/fail", "E Z", "R F", "failed"),
        row("COPY inside Execute: intermediate messages belong to it",
            "parse bind execute sync", "1 2 H d d c C Z", "F F F F F F F F", "ok ok ok ok"),
        row("asynchronous messages pass through without touching the queue",
            "parse/swallow sync", "N S A 1 Z", "F F F S F", "ok ok"),
        row("nothing owed: everything is forwarded",
            "", "N C Z", "F F F", ""),
        row("an error answered to Sync (a failed commit) fails the Sync only",
            "execute sync", "C E Z", "F F F", "ok failed"),
        row("portal suspended completes an Execute",
            "bind execute execute sync", "2 D s D C Z", "F F F F F F", "ok ok ok ok"));
  }

  private static Arguments row(String scenario, String sent, String answers, String verdicts, String outcomes) {
    return Arguments.of(scenario, sent, answers, verdicts, outcomes);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void judgesEachAnswer(String scenario, String sent, String answers, String verdicts, String outcomes) {
    ResponseQueue queue = new ResponseQueue();
    List<String> learned = new ArrayList<>();
    for (String message : words(sent)) {
      int index = learned.size();
      learned.add("-");
      queue.expect(entry(message, result -> learned.set(index, result)));
    }
    List<String> judged = new ArrayList<>();
    for (String answer : words(answers)) {
      ByteBuf frame = frame(answer);
      try {
        judged.add(letter(queue.judge(frame)));
      } finally {
        frame.release();
      }
    }
    assertThat(String.join(" ", judged)).as("verdicts").isEqualTo(verdicts);
    assertThat(String.join(" ", learned)).as("outcomes").isEqualTo(outcomes);
  }

  private static List<String> words(String text) {
    return text.isBlank() ? List.of() : List.of(text.trim().split(" +"));
  }

  private interface Learner {
    void learned(String result);
  }

  private static ExpectedResponse entry(String spec, Learner learner) {
    String[] parts = spec.split("/");
    ResponseKind kind = switch (parts[0]) {
      case "parse" -> ResponseKind.PARSE;
      case "bind" -> ResponseKind.BIND;
      case "close" -> ResponseKind.CLOSE;
      case "describeS" -> ResponseKind.DESCRIBE_STATEMENT;
      case "describeP" -> ResponseKind.DESCRIBE_PORTAL;
      case "execute" -> ResponseKind.EXECUTE;
      case "sync" -> ResponseKind.SYNC;
      case "query" -> ResponseKind.QUERY;
      default -> throw new IllegalArgumentException(spec);
    };
    ResponseHandling handling = parts.length == 1 ? ResponseHandling.FORWARD : switch (parts[1]) {
      case "swallow" -> ResponseHandling.SWALLOW;
      case "answer" -> new ResponseHandling.AnswerAs(ParseComplete.INSTANCE);
      case "fail" -> new ResponseHandling.FailAs(ErrorResponse.error("26000", "probe"));
      default -> throw new IllegalArgumentException(spec);
    };
    return new ExpectedResponse(kind, handling, new ResponseOutcome() {
      @Override
      public void succeeded() {
        learner.learned("ok");
      }

      @Override
      public void failed(ErrorResponse error) {
        learner.learned(error == null ? "skipped" : "failed");
      }
    });
  }

  private static ByteBuf frame(String answer) {
    ByteBuf frame = Unpooled.buffer();
    if (answer.startsWith("E")) {
      ErrorResponse.error(answer.length() > 1 ? answer.substring(1) : "42601", "boom").encode(frame);
    } else if (answer.startsWith("C")) {
      new CommandComplete(answer.length() > 2 ? answer.substring(2).replace('_', ' ') : "SELECT 1").encode(frame);
    } else if (answer.equals("Z")) {
      frame.writeByte('Z').writeInt(5).writeByte('I');
    } else {
      frame.writeByte(answer.charAt(0)).writeInt(4);
    }
    return frame;
  }

  private static String letter(ResponseVerdict verdict) {
    if (verdict instanceof ResponseVerdict.Forward) {
      return "F";
    }
    return verdict instanceof ResponseVerdict.Swallow ? "S" : "R";
  }
}
