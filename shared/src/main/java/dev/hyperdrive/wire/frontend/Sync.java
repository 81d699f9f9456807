package dev.hyperdrive.wire.frontend;

import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;

/** Sync ('S'): Ends an extended-query batch; the server answers ReadyForQuery. */
public enum Sync implements FrontendMessage {
  INSTANCE;

  public static final byte TAG = 'S';

  @Override
  public void encode(ByteBuf out) {
    Wire.writeEmptyMessage(out, TAG);
  }
}
