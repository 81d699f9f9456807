package dev.hyperdrive.endpoint.origin;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Whoever currently owns an {@link OriginConnection} (a relay session while checked out, the pool while
 * idle) hears its events through this. Calls arrive on the connection's event loop; implementations hop
 * to their own executor and must not block.
 */
public interface OriginListener {
  /**
   * The complete backend frames of one socket read, in order. The listener owns them and must release
   * each one.
   */
  void onFrames(OriginConnection connection, List<ByteBuf> frames);

  /** The channel's writability flipped; writers waiting for room check {@code isWritable()} again. */
  void onWritabilityChanged(OriginConnection connection);

  /** The connection is gone; {@code cause} is null for an orderly close by the origin. */
  void onClosed(OriginConnection connection, Throwable cause);
}
