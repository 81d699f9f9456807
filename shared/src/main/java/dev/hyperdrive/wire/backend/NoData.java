package dev.hyperdrive.wire.backend;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;

/** Describe found a statement or portal that returns no rows. */
public enum NoData implements BackendMessage {
  INSTANCE;

  public static final byte TAG = 'n';

  @Override
  public void encode(ByteBuf out) {
    Wire.writeEmptyMessage(out, TAG);
  }

  public static NoData decode(ByteBuf body) throws ProtocolException {
    return FieldlessMessages.decode(body, INSTANCE);
  }
}
