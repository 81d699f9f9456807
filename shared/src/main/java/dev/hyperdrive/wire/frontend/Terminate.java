package dev.hyperdrive.wire.frontend;

import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;

/** Terminate ('X'): Closes the session politely. */
public enum Terminate implements FrontendMessage {
  INSTANCE;

  public static final byte TAG = 'X';

  @Override
  public void encode(ByteBuf out) {
    Wire.writeEmptyMessage(out, TAG);
  }
}
