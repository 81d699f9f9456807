package dev.hyperdrive.wire.frontend;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;

/** PasswordMessage ('p'): a cleartext password or an {@code md5...} hash, answering the server's request. */
public record PasswordMessage(String password) implements FrontendMessage {
  public static final byte TAG = 'p';

  public PasswordMessage {
    Fields.cstring(password, "password");
  }

  public static PasswordMessage decode(ByteBuf body) throws ProtocolException {
    return new PasswordMessage(Wire.readCString(body));
  }

  @Override
  public void encode(ByteBuf out) {
    int lengthIndex = Wire.beginMessage(out, TAG);
    Wire.writeCString(out, password);
    Wire.endMessage(out, lengthIndex);
  }

  @Override
  public String toString() {
    return "PasswordMessage[password=<hidden>]";
  }
}
