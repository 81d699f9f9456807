package dev.hyperdrive.wire.backend;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;

/** A Close succeeded (also sent when the statement or portal did not exist). */
public enum CloseComplete implements BackendMessage {
  INSTANCE;

  public static final byte TAG = '3';

  @Override
  public void encode(ByteBuf out) {
    Wire.writeEmptyMessage(out, TAG);
  }

  public static CloseComplete decode(ByteBuf body) throws ProtocolException {
    return FieldlessMessages.decode(body, INSTANCE);
  }
}
