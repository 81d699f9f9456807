package dev.hyperdrive.wire.frontend;

import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;

/** CopyDone ('c'): Ends the data of a COPY FROM STDIN. */
public enum CopyDone implements FrontendMessage {
  INSTANCE;

  public static final byte TAG = 'c';

  @Override
  public void encode(ByteBuf out) {
    Wire.writeEmptyMessage(out, TAG);
  }
}
