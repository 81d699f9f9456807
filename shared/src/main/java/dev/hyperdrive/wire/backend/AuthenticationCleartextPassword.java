package dev.hyperdrive.wire.backend;

import io.netty.buffer.ByteBuf;

/** The server asks for the password in clear text (a PasswordMessage). */
public enum AuthenticationCleartextPassword implements Authentication {
  INSTANCE;

  public static final int CODE = 3;

  @Override
  public int code() {
    return CODE;
  }

  @Override
  public void encode(ByteBuf out) {
    AuthenticationCodec.encode(out, CODE);
  }
}
