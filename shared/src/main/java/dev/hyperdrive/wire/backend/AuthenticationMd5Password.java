package dev.hyperdrive.wire.backend;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.Arrays;

/** The server asks for an MD5-hashed password, salted with these 4 bytes. */
public record AuthenticationMd5Password(byte[] salt) implements Authentication {
  public static final int CODE = 5;
  public static final int SALT_LENGTH = 4;

  public AuthenticationMd5Password {
    if (salt.length != SALT_LENGTH) {
      throw new IllegalArgumentException("MD5 salt must be 4 bytes, got " + salt.length);
    }
  }

  @Override
  public int code() {
    return CODE;
  }

  @Override
  public void encode(ByteBuf out) {
    AuthenticationCodec.encode(out, CODE, salt);
  }

  static AuthenticationMd5Password decodeAfterCode(ByteBuf body) throws ProtocolException {
    byte[] salt = Wire.readBytes(body, SALT_LENGTH);
    Wire.expectEnd(body, "AuthenticationMD5Password");
    return new AuthenticationMd5Password(salt);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AuthenticationMd5Password that && Arrays.equals(salt, that.salt);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(salt);
  }

  @Override
  public String toString() {
    return "AuthenticationMd5Password[salt=" + ByteBufUtil.hexDump(salt) + "]";
  }
}
