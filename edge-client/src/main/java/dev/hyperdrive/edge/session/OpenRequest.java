package dev.hyperdrive.edge.session;

import io.netty.buffer.ByteBuf;

/**
 * The request a session left open at the origin: sent without a Sync (ended by Flush, or cut by the
 * driver's pause), so the origin holds the session's connection until the Sync comes. Knows whether that
 * request ran anything, or only prepared, described or closed statements (postgres.js's
 * Parse/Describe/Flush), which leaves nothing a later read could see. Runs on the session's event loop.
 */
final class OpenRequest {
  private boolean open;
  private boolean ran;

  /** A batch went to the origin; {@code frames} are what was sent (read without moving the index). */
  void sent(ByteBuf frames, boolean endsAtSyncPoint) {
    ran = !endsAtSyncPoint && (ran || !onlyPrepares(frames));
    open = !endsAtSyncPoint;
  }

  /** The edge sent the Sync that ends it. */
  void ended() {
    open = false;
    ran = false;
  }

  boolean open() {
    return open;
  }

  /** Open, and something in it ran (a Bind, an Execute, a Query...). */
  boolean openAndRan() {
    return open && ran;
  }

  /** Open, and it only prepared statements. */
  boolean openAndOnlyPrepared() {
    return open && !ran;
  }

  /**
   * Whether the frames only prepare, describe or close statements (Parse, Describe, Close, Flush): such a
   * request runs nothing at the origin. A Describe of a portal needs a Bind first, which runs.
   */
  static boolean onlyPrepares(ByteBuf frames) {
    int index = frames.readerIndex();
    while (index + 5 <= frames.writerIndex()) {
      byte tag = frames.getByte(index);
      if (tag != 'P' && tag != 'D' && tag != 'C' && tag != 'H') {
        return false;
      }
      index += 1 + frames.getInt(index + 1);
    }
    return true;
  }
}
