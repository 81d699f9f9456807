package dev.hyperdrive.wire.backend;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;

/** A Parse succeeded. */
public enum ParseComplete implements BackendMessage {
  INSTANCE;

  public static final byte TAG = '1';

  @Override
  public void encode(ByteBuf out) {
    Wire.writeEmptyMessage(out, TAG);
  }

  public static ParseComplete decode(ByteBuf body) throws ProtocolException {
    return FieldlessMessages.decode(body, INSTANCE);
  }
}
