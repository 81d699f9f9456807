package dev.hyperdrive.wire.backend;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;

/** A Bind succeeded. */
public enum BindComplete implements BackendMessage {
  INSTANCE;

  public static final byte TAG = '2';

  @Override
  public void encode(ByteBuf out) {
    Wire.writeEmptyMessage(out, TAG);
  }

  public static BindComplete decode(ByteBuf body) throws ProtocolException {
    return FieldlessMessages.decode(body, INSTANCE);
  }
}
