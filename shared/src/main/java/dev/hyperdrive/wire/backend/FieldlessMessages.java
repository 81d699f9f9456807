package dev.hyperdrive.wire.backend;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;

/** Frames that are only a tag and the length 4. */
final class FieldlessMessages {
  private FieldlessMessages() {}

  static void encode(ByteBuf out, byte tag) {
    out.writeByte(tag);
    out.writeInt(4);
  }

  static <T extends BackendMessage> T decode(ByteBuf body, T instance) throws ProtocolException {
    Wire.expectEnd(body, instance.getClass().getSimpleName());
    return instance;
  }
}
