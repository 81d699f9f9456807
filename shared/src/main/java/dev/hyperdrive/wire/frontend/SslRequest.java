package dev.hyperdrive.wire.frontend;

import dev.hyperdrive.wire.StartupCodes;
import io.netty.buffer.ByteBuf;

/** SSLRequest: asks to switch the connection to TLS before the StartupMessage. The server answers 'S' or 'N'. */
public enum SslRequest implements FrontendMessage {
  INSTANCE;

  @Override
  public void encode(ByteBuf out) {
    out.writeInt(StartupCodes.ENCRYPTION_REQUEST_LENGTH);
    out.writeInt(StartupCodes.SSL_REQUEST);
  }
}
