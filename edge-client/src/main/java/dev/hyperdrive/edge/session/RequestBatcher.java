package dev.hyperdrive.edge.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import dev.hyperdrive.edge.relay.FrameChunker;
import dev.hyperdrive.wire.Frames;

/**
 * Holds a driver's frontend frames until it is clear what the driver wants answered, so a request
 * travels to the endpoint as one relay frame: a Query, a Parse/Bind/Describe/Execute run up to Sync,
 * a FunctionCall. Frames a driver waits on without a Sync (Flush, or a Describe/Execute at the end of
 * what it wrote) and COPY data are released at the end of the socket read that brought them — unless
 * that read ended inside a frame: a socket read can end anywhere in what the driver wrote, and a
 * Describe/Execute is only the end of a request when no more of it is on its way.
 */
final class RequestBatcher {
  /** A batch ready for the relay, with how many ReadyForQuery answers it will produce. */
  record Batch(ByteBuf frames, int readyForQueryExpected, boolean endsAtSyncPoint) {}

  private final ByteBufAllocator allocator;
  private CompositeByteBuf frames;
  private boolean complete;
  private boolean waitedOnWithoutSync;
  private boolean copyIn;
  private int readyForQueryExpected;
  private boolean endsAtSyncPoint;

  RequestBatcher(ByteBufAllocator allocator) {
    this.allocator = allocator;
  }

  /** Takes ownership of one whole frontend frame (not Terminate, not a password message). */
  void add(ByteBuf frame) {
    if (frames == null) {
      frames = allocator.compositeBuffer(Integer.MAX_VALUE);
    }
    frames.addComponent(true, frame);
    endsAtSyncPoint = false;
    switch (Frames.tag(frame)) {
      case 'Q', 'S', 'F' -> {
        readyForQueryExpected++;
        complete = true;
        endsAtSyncPoint = true;
      }
      case 'H' -> complete = true;
      case 'D', 'E' -> waitedOnWithoutSync = true;
      case 'c', 'f' -> {
        copyIn = false;
        complete = true;
      }
      default -> { }
    }
  }

  /** The endpoint answered CopyInResponse: the driver now streams CopyData without a Sync. */
  void copyInStarted() {
    copyIn = true;
  }

  boolean isEmpty() {
    return frames == null;
  }

  /**
   * Whether to forward at the end of the current socket read.
   *
   * @param driverMidFrame whether the read ended inside a frame the driver is still writing
   */
  boolean readyAtReadEnd(boolean driverMidFrame) {
    return frames != null && (complete || (waitedOnWithoutSync && !driverMidFrame) || copyIn || oversized());
  }

  /** So much is buffered that it must go now whatever the driver sends next (bounds edge memory). */
  boolean oversized() {
    return frames != null && frames.readableBytes() >= FrameChunker.MAX_CHUNK;
  }

  /** Hands over the buffered frames (the caller releases them) and starts a new batch. */
  Batch take() {
    Batch batch = new Batch(frames, readyForQueryExpected, endsAtSyncPoint);
    frames = null;
    complete = false;
    waitedOnWithoutSync = false;
    readyForQueryExpected = 0;
    endsAtSyncPoint = false;
    return batch;
  }

  void discard() {
    if (frames != null) {
      frames.release();
      frames = null;
    }
  }
}
