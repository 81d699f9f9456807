package dev.hyperdrive.wire.backend;

import io.netty.buffer.ByteBuf;

/** Authentication succeeded; ParameterStatus, BackendKeyData and ReadyForQuery follow. */
public enum AuthenticationOk implements Authentication {
  INSTANCE;

  public static final int CODE = 0;

  @Override
  public int code() {
    return CODE;
  }

  @Override
  public void encode(ByteBuf out) {
    AuthenticationCodec.encode(out, CODE);
  }
}
