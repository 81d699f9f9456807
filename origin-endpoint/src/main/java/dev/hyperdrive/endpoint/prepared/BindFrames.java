package dev.hyperdrive.endpoint.prepared;

import dev.hyperdrive.wire.PgMessage;
import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;

/**
 * Reads and renames the statement of a Bind frame without decoding its parameter values: a Bind may carry
 * megabytes of them, and only the statement name changes on the way to the origin.
 */
final class BindFrames {
  private BindFrames() {}

  /** The statement name of a Bind frame (tag, length, portal, statement, ...). */
  static String statementName(ByteBuf frame) throws ProtocolException {
    ByteBuf body = frame.duplicate().skipBytes(Wire.HEADER_LENGTH);
    Wire.readCString(body);
    return Wire.readCString(body);
  }

  /**
   * The same Bind naming {@code statement} instead; it reads {@code original} when encoded, so it must be
   * encoded before the original frame is released.
   */
  static PgMessage renamed(ByteBuf original, String statement) {
    return out -> {
      ByteBuf body = original.duplicate().skipBytes(Wire.HEADER_LENGTH);
      try {
        String portal = Wire.readCString(body);
        Wire.readCString(body);
        int lengthIndex = Wire.beginMessage(out, (byte) 'B');
        Wire.writeCString(out, portal);
        Wire.writeCString(out, statement);
        out.writeBytes(body);
        Wire.endMessage(out, lengthIndex);
      } catch (ProtocolException e) {
        throw new IllegalStateException("a Bind already read once no longer parses", e);
      }
    };
  }
}
