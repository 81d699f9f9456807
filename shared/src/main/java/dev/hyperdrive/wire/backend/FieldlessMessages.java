package dev.hyperdrive.wire.backend;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;

/** Decoding of frames that are only a tag and the length 4 (they encode with {@link Wire#writeEmptyMessage}). */
final class FieldlessMessages {
  private FieldlessMessages() {}

  static <T extends BackendMessage> T decode(ByteBuf body, T instance) throws ProtocolException {
    Wire.expectEnd(body, instance.getClass().getSimpleName());
    return instance;
  }
}
