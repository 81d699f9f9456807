package dev.hyperdrive.wire.backend;

import dev.hyperdrive.wire.OpaqueBytes;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/** The next GSSAPI or SSPI token from the server. */
public record AuthenticationGssContinue(byte[] data) implements Authentication {
  public static final int CODE = 8;

  public AuthenticationGssContinue {
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
    return OpaqueBytes.equal(data, other, AuthenticationGssContinue.class, AuthenticationGssContinue::data);
  }

  @Override
  public int hashCode() {
    return OpaqueBytes.hash(data);
  }

  @Override
  public String toString() {
    return OpaqueBytes.describe("AuthenticationGssContinue", data);
  }
}
