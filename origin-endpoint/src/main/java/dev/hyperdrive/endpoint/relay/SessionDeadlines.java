package dev.hyperdrive.endpoint.relay;

import dev.hyperdrive.endpoint.config.TimeoutSettings;
import dev.hyperdrive.wire.Frames;
import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.SqlState;
import dev.hyperdrive.wire.backend.BackendDecoder;
import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.backend.ErrorResponse;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;

/**
 * The session's two deadlines. query_timeout runs while the origin owes an answer and restarts with each
 * ReadyForQuery; its first expiry cancels the query (and the origin's 57014 is reworded to name
 * query_timeout), a second one, with the cancel unanswered, gives up on the connection.
 * idle_transaction_timeout runs while the client holds a connection inside a transaction and sends
 * nothing. What expiry does is the session's business: it gets the two callbacks.
 */
final class SessionDeadlines {
  private final SessionTimer query;
  private final SessionTimer idleInTransaction;
  private boolean cancelSent;

  SessionDeadlines(EventLoop loop, TimeoutSettings settings, Runnable queryExpired, Runnable idleExpired) {
    this.query = new SessionTimer(loop, settings.queryTimeout(), queryExpired);
    this.idleInTransaction = new SessionTimer(loop, settings.idleTransactionTimeout(), idleExpired);
  }

  /** Client frames went to the origin. */
  void sent(boolean answerOwed) {
    idleInTransaction.stop();
    if (answerOwed) {
      query.start();
    }
  }

  /** A read of origin answers was handled. */
  void answered(boolean sawReadyForQuery, boolean answerOwed, boolean inTransaction) {
    if (!answerOwed) {
      query.stop();
      cancelSent = false;
    } else if (sawReadyForQuery) {
      query.restart();
      cancelSent = false;
    }
    if (!answerOwed && inTransaction) {
      idleInTransaction.start();
    }
  }

  /**
   * query_timeout expired with the answer still owed: true the first time (send a cancel; the timer runs
   * once more as its grace period), false when the cancel went unanswered too.
   */
  boolean cancelFirst() {
    if (cancelSent) {
      return false;
    }
    cancelSent = true;
    query.start();
    return true;
  }

  /** The origin's "canceling statement due to user request", when it was our cancel, says why instead. */
  ByteBuf explain(ByteBuf frame) {
    if (!cancelSent || Frames.tag(frame) != ErrorResponse.TAG) {
      return frame;
    }
    try {
      BackendMessage message = BackendDecoder.decode(frame.duplicate());
      if (message instanceof ErrorResponse && SqlState.QUERY_CANCELED.equals(((ErrorResponse) message).sqlState())
          && !((ErrorResponse) message).isFatal()) {
        frame.release();
        return RelayFrames.encode(SessionErrors.queryTimeout(query.limit()));
      }
    } catch (ProtocolException e) {
      // not ours to judge: forwarded as it is
    }
    return frame;
  }

  java.time.Duration idleTransactionLimit() {
    return idleInTransaction.limit();
  }

  java.time.Duration queryLimit() {
    return query.limit();
  }

  void stop() {
    query.stop();
    idleInTransaction.stop();
    cancelSent = false;
  }
}
