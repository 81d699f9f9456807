package dev.hyperdrive.wire.backend;

import io.netty.buffer.ByteBuf;

/** The server asks the client to start a GSSAPI exchange. */
public enum AuthenticationGss implements Authentication {
  INSTANCE;

  public static final int CODE = 7;

  @Override
  public int code() {
    return CODE;
  }

  @Override
  public void encode(ByteBuf out) {
    AuthenticationCodec.encode(out, CODE);
  }
}
