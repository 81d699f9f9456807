package dev.hyperdrive.wire.backend;

import dev.hyperdrive.wire.OpaqueBytes;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/** A server SASL challenge (for SCRAM-SHA-256, the server-first-message). */
public record AuthenticationSaslContinue(byte[] data) implements Authentication {
  public static final int CODE = 11;

  public AuthenticationSaslContinue {
    Objects.requireNonNull(data, "data");
  }

  @Override
  public int code() {
    return CODE;
  }

  @Override
  public void encode(ByteBuf out) {
    AuthenticationCodec.encode(out, CODE, data);
  }

  @Override
  public boolean equals(Object other) {
    return OpaqueBytes.equal(data, other, AuthenticationSaslContinue.class, AuthenticationSaslContinue::data);
  }

  @Override
  public int hashCode() {
    return OpaqueBytes.hash(data);
  }

  @Override
  public String toString() {
    return OpaqueBytes.describe("AuthenticationSaslContinue", data);
  }
}
