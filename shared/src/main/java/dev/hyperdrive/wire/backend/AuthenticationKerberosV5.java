package dev.hyperdrive.wire.backend;

import io.netty.buffer.ByteBuf;

/** The server asks for Kerberos V5, which PostgreSQL itself no longer supports; kept so it decodes. */
public enum AuthenticationKerberosV5 implements Authentication {
  INSTANCE;

  public static final int CODE = 2;

  @Override
  public int code() {
    return CODE;
  }

  @Override
  public void encode(ByteBuf out) {
    AuthenticationCodec.encode(out, CODE);
  }
}
