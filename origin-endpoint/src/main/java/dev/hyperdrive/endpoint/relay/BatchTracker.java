package dev.hyperdrive.endpoint.relay;

import dev.hyperdrive.wire.Frames;
import dev.hyperdrive.wire.TransactionStatus;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Knows, for one checked-out connection, whether the origin still owes answers: how many
 * ReadyForQuery are due (one per Sync, Query or FunctionCall sent), whether frames were sent after the
 * last of those (a Flush-terminated batch, a COPY in progress), and the last transaction status. The
 * connection may go back to the pool only when nothing is owed and the status is idle.
 */
final class BatchTracker {
  private int readyForQueryDue;
  private int framesSinceSyncPoint;
  private TransactionStatus status = TransactionStatus.IDLE;

  /** Frames whose answers end in ReadyForQuery (https://www.postgresql.org/docs/current/protocol-flow.html). */
  static boolean isSyncPoint(ByteBuf frame) {
    byte tag = Frames.tag(frame);
    return tag == 'S' || tag == 'Q' || tag == 'F';
  }

  void sent(List<ByteBuf> frames) {
    for (ByteBuf frame : frames) {
      if (isSyncPoint(frame)) {
        readyForQueryDue++;
        framesSinceSyncPoint = 0;
      } else {
        framesSinceSyncPoint++;
      }
    }
  }

  void readyForQuery(TransactionStatus newStatus) {
    if (readyForQueryDue > 0) {
      readyForQueryDue--;
    }
    status = newStatus;
  }

  TransactionStatus status() {
    return status;
  }

  /** The origin is working on something of ours, or waits for the rest of a batch. */
  boolean queryInFlight() {
    return readyForQueryDue > 0 || framesSinceSyncPoint > 0;
  }

  /** Idle outside a transaction with nothing owed: the connection is clean. */
  boolean connectionReleasable() {
    return !queryInFlight() && status == TransactionStatus.IDLE;
  }

  /** A fresh connection starts idle; reset when a new checkout begins. */
  void reset() {
    readyForQueryDue = 0;
    framesSinceSyncPoint = 0;
    status = TransactionStatus.IDLE;
  }
}
