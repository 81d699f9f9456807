package dev.hyperdrive.wire;

import io.netty.buffer.ByteBuf;

/** A PostgreSQL protocol message of either direction that can write its own complete frame. */
public interface PgMessage {
  /** Writes the whole frame: tag (if any), Int32 length, body. */
  void encode(ByteBuf out);
}
