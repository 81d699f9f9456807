package dev.hyperdrive.wire.backend;

import dev.hyperdrive.wire.OpaqueBytes;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/** The server's last SASL message (for SCRAM-SHA-256, the server-final-message with its signature). */
public record AuthenticationSaslFinal(byte[] data) implements Authentication {
  public static final int CODE = 12;

  public AuthenticationSaslFinal {
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
    return OpaqueBytes.equal(data, other, AuthenticationSaslFinal.class, AuthenticationSaslFinal::data);
  }

  @Override
  public int hashCode() {
    return OpaqueBytes.hash(data);
  }

  @Override
  public String toString() {
    return OpaqueBytes.describe("AuthenticationSaslFinal", data);
  }
}
