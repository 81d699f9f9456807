package dev.hyperdrive.edge.statements;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.TransactionStatus;
import dev.hyperdrive.wire.frontend.Parse;
import dev.hyperdrive.wire.frontend.StatementKey;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Optional;

/**
 * One session's prepared-statement handling at the edge. Known statements are answered without a
 * round trip ({@link LocalAnswers}); a batch that then uses one carries the statement's Parse to the
 * origin ({@link ForwardPlanner}); the origin's answers are matched to requests
 * ({@link ExpectedResponses}) so the driver sees exactly what PostgreSQL would have sent
 * ({@link ResponseFilter}), and the database's {@link StatementMetadataCache} learns from them.
 * Runs on the session's event loop.
 */
public final class EdgeStatements {
  private final SessionStatements statements;
  private final ExpectedResponses expected;
  private final ResponseFilter responseFilter;
  private final LocalAnswers localAnswers;
  private final ForwardPlanner forwardPlanner;

  public EdgeStatements(StatementMetadataCache cache) {
    this.statements = new SessionStatements(cache);
    this.expected = new ExpectedResponses(statements);
    this.responseFilter = new ResponseFilter(expected);
    this.localAnswers = new LocalAnswers(statements);
    this.forwardPlanner = new ForwardPlanner(statements);
  }

  /**
   * Decides what to do with a batch of whole frontend frames, taking ownership of them.
   *
   * @param originSettled the origin owes nothing and holds no unfinished request of this session (the
   *     last batch sent ended at Sync, or Query, and was answered)
   */
  public BatchDecision plan(ByteBuf frames, boolean originSettled, TransactionStatus status)
      throws ProtocolException {
    try {
      List<RequestFrame> requests = RequestFrame.split(frames);
      if (originSettled && expected.quiet() && status != TransactionStatus.FAILED) {
        Optional<ByteBuf> replies = localAnswers.answer(requests, status);
        if (replies.isPresent()) {
          frames.release();
          return new BatchDecision.AnswerLocally(replies.get());
        }
      }
      return forwardPlanner.plan(frames, requests, status);
    } catch (ProtocolException | RuntimeException e) {
      frames.release();
      throw e;
    }
  }

  /**
   * Whether the driver may be told a Parse of {@code name} succeeded without the origin: the unnamed
   * statement can always be replaced; a name the origin may hold, or one already prepared here, would be
   * PostgreSQL's 42P05.
   */
  public boolean canPrepareWithoutOrigin(String name) {
    if (name.isEmpty()) {
      return statements.pending(name).map(statement -> !statement.sending()).orElse(true);
    }
    return !statements.mayBeAtOrigin(name) && statements.pending(name).isEmpty();
  }

  /**
   * Something other than the origin (the result cache) told the driver this Parse succeeded: like a
   * statement answered here, the origin gets the Parse in front of the first batch that uses it.
   */
  public void preparedWithoutOrigin(Parse parse) {
    ByteBuf frame = Unpooled.buffer();
    try {
      parse.encode(frame);
      StatementKey key = new StatementKey(parse.query(), parse.parameterTypes());
      statements.putPending(new PendingStatement(parse.statement(), key, ByteBufUtil.getBytes(frame), null, false));
    } finally {
      frame.release();
    }
  }

  /** The requests of a forwarded batch are on their way: expect their answers. */
  public void sent(BatchDecision.Forward forward) {
    expected.addAll(forward.expectations());
  }

  /** Filters what the endpoint sends before it reaches the driver. */
  public ResponseFilter responses() {
    return responseFilter;
  }

  /** Nothing is owed by the origin, nothing is being skipped after an error or withheld from the driver. */
  public boolean quiet() {
    return expected.quiet();
  }

  /** Answers still owed by the origin (for tests and logs). */
  public int outstanding() {
    return expected.outstanding();
  }
}
