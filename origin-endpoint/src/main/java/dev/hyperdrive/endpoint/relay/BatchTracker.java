package dev.hyperdrive.endpoint.relay;

import dev.hyperdrive.wire.Frames;
import dev.hyperdrive.wire.TransactionStatus;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Knows, for one checked-out connection, whether the origin still owes answers: how many
 * ReadyForQuery are due (one per Sync, Query or FunctionCall sent), whether frames were sent after the
 * last of those (a Flush-terminated batch), and the last transaction status. The connection may go back
 * to the pool only when nothing is owed and the status is idle.
 *
 * <p>COPY FROM STDIN (https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-COPY): the copy
 * data belongs to the statement that started it and owes nothing of its own. PostgreSQL ignores Sync
 * (and Flush) in copy-in mode, so a Sync a driver sent right after the COPY's Execute owes no
 * ReadyForQuery; an extended-protocol COPY then needs a later Sync, after CopyDone or after an error,
 * and the connection stays owed until that Sync is answered.
 */
final class BatchTracker {
  private int readyForQueryDue;
  private int framesSinceSyncPoint;
  private int syncsSinceExecute;
  private boolean lastExecutionExtended;
  private boolean copyIn;
  private TransactionStatus status = TransactionStatus.IDLE;

  /** Frames whose answers end in ReadyForQuery (https://www.postgresql.org/docs/current/protocol-flow.html). */
  static boolean isSyncPoint(ByteBuf frame) {
    byte tag = Frames.tag(frame);
    return tag == 'S' || tag == 'Q' || tag == 'F';
  }

  /** CopyData, CopyDone, CopyFail: part of the COPY that is running, or ignored by the origin if none is. */
  static boolean isCopyFrame(ByteBuf frame) {
    byte tag = Frames.tag(frame);
    return tag == 'd' || tag == 'c' || tag == 'f';
  }

  void sent(List<ByteBuf> frames) {
    for (ByteBuf frame : frames) {
      byte tag = Frames.tag(frame);
      if (isCopyFrame(frame)) {
        copyIn &= tag == 'd';
      } else if (copyIn) {
        continue; // Sync and Flush mean nothing to the origin in copy-in mode
      } else if (isSyncPoint(frame)) {
        readyForQueryDue++;
        framesSinceSyncPoint = 0;
        syncsSinceExecute += tag == 'S' ? 1 : 0;
        lastExecutionExtended &= tag == 'S';
      } else {
        framesSinceSyncPoint++;
        if (tag == 'E') {
          lastExecutionExtended = true;
          syncsSinceExecute = 0;
        }
      }
    }
  }

  /** CopyInResponse: the origin reads copy data now, and ignored the Syncs sent since the COPY's Execute. */
  void copyInStarted() {
    copyIn = true;
    if (lastExecutionExtended) {
      readyForQueryDue = Math.max(0, readyForQueryDue - syncsSinceExecute);
      syncsSinceExecute = 0;
      framesSinceSyncPoint = Math.max(1, framesSinceSyncPoint); // a Sync after the copy is owed
    }
  }

  /** An ErrorResponse: if a copy-in was running, the origin has left copy mode. */
  void errorReceived() {
    copyIn = false;
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
    syncsSinceExecute = 0;
    lastExecutionExtended = false;
    copyIn = false;
    status = TransactionStatus.IDLE;
  }
}
