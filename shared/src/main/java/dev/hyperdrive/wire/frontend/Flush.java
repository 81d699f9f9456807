package dev.hyperdrive.wire.frontend;

import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;

/** Flush ('H'): Asks the server to send what it has buffered, without ending the batch. */
public enum Flush implements FrontendMessage {
  INSTANCE;

  public static final byte TAG = 'H';

  @Override
  public void encode(ByteBuf out) {
    Wire.writeEmptyMessage(out, TAG);
  }
}
