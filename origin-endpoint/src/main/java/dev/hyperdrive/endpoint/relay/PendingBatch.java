package dev.hyperdrive.endpoint.relay;

import dev.hyperdrive.wire.backend.ErrorResponse;
import dev.hyperdrive.wire.backend.ReadyForQuery;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's frames that wait while the session gets a connection (and aligns its settings), and the
 * way out when that fails: an ERROR instead of the batch, then the protocol's skip-until-Sync
 * (https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-EXT-QUERY) and ReadyForQuery
 * 'I', so the session stays usable. Used only on the session's loop.
 */
final class PendingBatch {
  private final EdgeCall edge;
  private final List<ByteBuf> frames = new ArrayList<>();

  PendingBatch(EdgeCall edge) {
    this.edge = edge;
  }

  /** Holds more of the batch (ownership passes here). */
  void add(List<ByteBuf> more) {
    frames.addAll(more);
  }

  /** Everything held, in order; the caller owns it now. */
  List<ByteBuf> take() {
    List<ByteBuf> batch = new ArrayList<>(frames);
    frames.clear();
    return batch;
  }

  /** Answers the held batch with {@code error} instead; then as {@link #skipToSync}. */
  List<ByteBuf> refuse(ErrorResponse error) {
    edge.compose(error);
    return skipToSync(take());
  }

  /**
   * Drops frames of a refused batch up to its Sync (or Query, or FunctionCall), which is answered with
   * ReadyForQuery 'I'. Returns the frames after it, the start of a new batch; null if it has not come yet
   * (the next EdgeFrame is requested, to skip on).
   */
  List<ByteBuf> skipToSync(List<ByteBuf> batch) {
    int next = 0;
    boolean found = false;
    while (next < batch.size() && !found) {
      ByteBuf frame = batch.get(next++);
      found = BatchTracker.isSyncPoint(frame);
      frame.release();
    }
    if (!found) {
      edge.flush();
      edge.requestNext();
      return null;
    }
    edge.compose(ReadyForQuery.IDLE);
    edge.flush();
    return new ArrayList<>(batch.subList(next, batch.size()));
  }

  /** The session ends: what was held goes nowhere. */
  void release() {
    FrontendFramer.release(frames);
    frames.clear();
  }
}
