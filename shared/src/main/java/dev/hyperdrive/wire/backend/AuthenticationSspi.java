package dev.hyperdrive.wire.backend;

import io.netty.buffer.ByteBuf;

/** The server asks the client to start an SSPI (Windows) exchange. */
public enum AuthenticationSspi implements Authentication {
  INSTANCE;

  public static final int CODE = 9;

  @Override
  public int code() {
    return CODE;
  }

  @Override
  public void encode(ByteBuf out) {
    AuthenticationCodec.encode(out, CODE);
  }
}
