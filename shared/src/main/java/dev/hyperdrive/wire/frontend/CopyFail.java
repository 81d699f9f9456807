package dev.hyperdrive.wire.frontend;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;

/** CopyFail ('f'): aborts a COPY FROM STDIN; the server fails the COPY with this message. */
public record CopyFail(String message) implements FrontendMessage {
  public static final byte TAG = 'f';

  public CopyFail {
    Fields.cstring(message, "message");
  }

  public static CopyFail decode(ByteBuf body) throws ProtocolException {
    return new CopyFail(Wire.readCString(body));
  }

  @Override
  public void encode(ByteBuf out) {
    int lengthIndex = Wire.beginMessage(out, TAG);
    Wire.writeCString(out, message);
    Wire.endMessage(out, lengthIndex);
  }
}
