package dev.hyperdrive.edge.statements;

import dev.hyperdrive.edge.statements.Expectation.Kind;
import dev.hyperdrive.wire.backend.ErrorResponse;
import dev.hyperdrive.wire.backend.Notice;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;

/**
 * The answers a session is owed, in request order, matched one backend message at a time. It decides
 * what the driver sees: answers to requests the edge injected are swallowed, Describe answers the edge
 * needs are captured, and when the origin describes a statement differently from what the edge told
 * the driver, the driver gets PostgreSQL's own error for that and nothing more up to ReadyForQuery.
 * Errors follow PostgreSQL's skip-until-Sync rule
 * (https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-EXT-QUERY).
 */
final class ExpectedResponses {
  private final Deque<Expectation> queue = new ArrayDeque<>();
  private final StatementEvents events;
  /** The origin discards requests until the next Sync, and that Sync has not been sent yet. */
  private boolean originSkipping;
  /** The driver was told the statement changed: withhold everything up to ReadyForQuery. */
  private boolean withholding;
  private Expectation describing;
  private byte[] parameterDescription;

  ExpectedResponses(StatementEvents events) {
    this.events = events;
  }

  /** Registers requests about to be sent, in order. */
  void addAll(Collection<Expectation> expectations) {
    for (Expectation expectation : expectations) {
      if (!originSkipping) {
        queue.add(expectation);
      } else if (expectation.kind() == Kind.SYNC) {
        // The origin skips what was sent before this Sync; it answers what comes after it.
        originSkipping = false;
        queue.add(expectation);
      }
    }
  }

  /** Nothing is owed and nothing is being skipped or withheld: the edge may answer by itself. */
  boolean quiet() {
    return queue.isEmpty() && !originSkipping && !withholding;
  }

  int outstanding() {
    return queue.size();
  }

  /** Decides a backend message's fate from its tag, before its body arrives. */
  Disposition onMessageStart(byte tag) {
    Expectation head = queue.peek();
    switch (tag) {
      case 'N', 'S', 'A':
        return Disposition.PASS; // notices, ParameterStatus, notifications arrive at any time
      case 'Z':
        return onReadyForQuery();
      case 'E':
        return onError(head);
      default:
        break;
    }
    if (head == null) {
      return visible(false);
    }
    switch (tag) {
      case '1':
        return completes(head, Kind.PARSE) ? onParseComplete(queue.poll()) : visible(false);
      case '2':
        return completes(head, Kind.BIND) ? afterPoll(false) : visible(false);
      case '3':
        return onCloseComplete(head);
      case 't':
        return head.kind() == Kind.DESCRIBE_STATEMENT ? onParameterDescription(head) : visible(false);
      case 'T', 'n':
        return onResultDescription(head);
      case 'C', 'I', 's':
        return completes(head, Kind.EXECUTE) ? afterPoll(false) : visible(false);
      default:
        return visible(false); // rows, COPY traffic, FunctionCallResponse: inside Execute or a Query
    }
  }

  /**
   * A captured message is complete ({@code frame} holds its header and body). Returns bytes to send the
   * driver right after it (the error for a changed statement), or null.
   */
  ByteBuf onCaptured(byte tag, byte[] frame) {
    if (tag == 't') {
      parameterDescription = frame;
      return null;
    }
    Expectation describe = describing;
    StatementShape shape = new StatementShape(parameterDescription == null ? new byte[0] : parameterDescription, frame);
    describing = null;
    parameterDescription = null;
    if (describe.answeredShape() != null && !describe.answeredShape().sameResultType(shape)) {
      events.shapeChanged(describe);
      withholding = true;
      return cachedPlanChanged();
    }
    events.described(describe, shape);
    return null;
  }

  private Disposition onReadyForQuery() {
    while (!queue.isEmpty()) {
      Expectation answered = queue.poll();
      if (answered.endsAtReady()) {
        if (answered.injected()) {
          return Disposition.SWALLOW;
        }
        break;
      }
    }
    withholding = false;
    return Disposition.PASS;
  }

  private Disposition onError(Expectation head) {
    if (head == null || head.kind() == Kind.UNTIL_READY) {
      return visible(false);
    }
    Expectation failed = queue.poll();
    if (failed.kind() == Kind.PARSE || failed.injected()) {
      events.failed(failed);
    }
    describing = null;
    while (!queue.isEmpty() && !queue.peek().endsAtReady()) {
      queue.poll();
    }
    if (queue.isEmpty()) {
      originSkipping = true;
    }
    // Requests injected in front of a simple Query end at their own Sync: the Query's answer is the
    // driver's, and the statement simply stays unknown to the origin.
    boolean beforeQuery = failed.injected() && !queue.isEmpty() && queue.peek().injected();
    return visible(beforeQuery);
  }

  private Disposition onParseComplete(Expectation parse) {
    events.parsed(parse);
    return visible(parse.injected());
  }

  private Disposition onCloseComplete(Expectation head) {
    if (head.kind() == Kind.CLOSE_STATEMENT) {
      events.closed(queue.poll());
      return visible(false);
    }
    return completes(head, Kind.CLOSE_PORTAL) ? afterPoll(false) : visible(false);
  }

  private Disposition onParameterDescription(Expectation describe) {
    boolean capture = describe.injected() || describe.key() != null;
    return Disposition.of(!describe.injected() && !withholding, capture);
  }

  private Disposition onResultDescription(Expectation head) {
    if (head.kind() == Kind.DESCRIBE_PORTAL) {
      return afterPoll(false);
    }
    if (head.kind() != Kind.DESCRIBE_STATEMENT) {
      return visible(false); // a Query's RowDescription
    }
    Expectation describe = queue.poll();
    boolean capture = describe.injected() || describe.key() != null;
    if (capture) {
      describing = describe;
    }
    return Disposition.of(!describe.injected() && !withholding, capture);
  }

  private Disposition afterPoll(boolean injected) {
    queue.poll();
    return visible(injected);
  }

  private Disposition visible(boolean injected) {
    return injected || withholding ? Disposition.SWALLOW : Disposition.PASS;
  }

  private static boolean completes(Expectation head, Kind kind) {
    return head.kind() == kind;
  }

  /** What PostgreSQL says when a prepared statement's result type changed (plancache.c). */
  static ByteBuf cachedPlanChanged() {
    ErrorResponse error = new ErrorResponse(Notice.of("ERROR", "0A000", "cached plan must not change result type")
        .with(Notice.FILE, "plancache.c").with(Notice.ROUTINE, "RevalidateCachedQuery"));
    ByteBuf out = Unpooled.buffer(96);
    error.encode(out);
    return out;
  }
}
