package dev.hyperdrive.wire.frontend;

import dev.hyperdrive.wire.StartupCodes;
import io.netty.buffer.ByteBuf;

/** GSSENCRequest: asks for GSSAPI encryption before the StartupMessage. We always answer 'N'. */
public enum GssEncRequest implements FrontendMessage {
  INSTANCE;

  @Override
  public void encode(ByteBuf out) {
    out.writeInt(StartupCodes.ENCRYPTION_REQUEST_LENGTH);
    out.writeInt(StartupCodes.GSSENC_REQUEST);
  }
}
