package dev.hyperdrive.wire.frontend;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;

/** Execute ('E'): runs a portal, returning at most {@code maxRows} rows (0 = no limit). */
public record Execute(String portal, int maxRows) implements FrontendMessage {
  public static final byte TAG = 'E';

  public Execute {
    Fields.cstring(portal, "portal");
  }

  public static Execute decode(ByteBuf body) throws ProtocolException {
    return new Execute(Wire.readCString(body), Wire.readInt32(body));
  }

  @Override
  public void encode(ByteBuf out) {
    int lengthIndex = Wire.beginMessage(out, TAG);
    Wire.writeCString(out, portal);
    out.writeInt(maxRows);
    Wire.endMessage(out, lengthIndex);
  }
}
