package dev.hyperdrive.wire.backend;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;

/** The query string was empty; it stands in for CommandComplete. */
public enum EmptyQueryResponse implements BackendMessage {
  INSTANCE;

  public static final byte TAG = 'I';

  @Override
  public void encode(ByteBuf out) {
    Wire.writeEmptyMessage(out, TAG);
  }

  public static EmptyQueryResponse decode(ByteBuf body) throws ProtocolException {
    return FieldlessMessages.decode(body, INSTANCE);
  }
}
