package dev.hyperdrive.edge.session;

import dev.hyperdrive.edge.cache.AnswerObserver;
import dev.hyperdrive.proto.relay.CacheAnswer;
import dev.hyperdrive.wire.TransactionStatus;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The answers a {@link SessionRelay} still expects, oldest first, each with the {@link AnswerObserver}
 * that watches it: what the driver sees is passed to the observer of the batch it answers, and a batch's
 * answer is complete at its last ReadyForQuery. Runs on the driver channel's event loop.
 */
final class PendingAnswers {
  /** A forwarded batch whose answer is still coming, and who watches it. */
  private static final class PendingAnswer {
    private final AnswerObserver observer;
    private int readyForQueryLeft;

    PendingAnswer(AnswerObserver observer, int readyForQueryLeft) {
      this.observer = observer;
      this.readyForQueryLeft = readyForQueryLeft;
    }
  }

  private final Deque<PendingAnswer> pending = new ArrayDeque<>();

  /** A batch went out whose answer ends with {@code readyForQueryExpected} (> 0) ReadyForQuery. */
  void expect(AnswerObserver observer, int readyForQueryExpected) {
    pending.add(new PendingAnswer(observer, readyForQueryExpected));
  }

  /** Bytes the driver is being sent, for the observer of the answer they belong to. */
  void onBytes(ByteBuffer[] scanned) {
    PendingAnswer head = pending.peek();
    if (head != null) {
      for (ByteBuffer part : scanned) {
        head.observer.onBytes(part.duplicate());
      }
    }
  }

  void onCacheAnswer(CacheAnswer answer) {
    PendingAnswer head = pending.peek();
    if (head != null) {
      head.observer.onCacheAnswer(answer);
    }
  }

  void onErrorResponse() {
    PendingAnswer head = pending.peek();
    if (head != null) {
      head.observer.onErrorResponse();
    }
  }

  /** One ReadyForQuery arrived: the oldest answer is complete once its last one has. */
  void onReadyForQuery(TransactionStatus status) {
    PendingAnswer head = pending.peek();
    if (head != null && --head.readyForQueryLeft == 0) {
      pending.poll();
      head.observer.onAnswered(status);
    }
  }

  /** The stream is ending: no expected answer will complete. */
  void abandonAll() {
    PendingAnswer abandoned;
    while ((abandoned = pending.poll()) != null) {
      abandoned.observer.onAbandoned();
    }
  }
}
