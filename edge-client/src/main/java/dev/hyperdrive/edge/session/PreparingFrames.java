package dev.hyperdrive.edge.session;

import io.netty.buffer.ByteBuf;

/** Reads the tags of a batch of whole frontend frames, without moving its reader index. */
final class PreparingFrames {
  private PreparingFrames() {}

  /**
   * Whether the frames only prepare, describe or close statements (Parse, Describe, Close, Flush): such a
   * request runs nothing at the origin. A Describe of a portal needs a Bind first, which runs.
   */
  static boolean onlyPrepare(ByteBuf frames) {
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
