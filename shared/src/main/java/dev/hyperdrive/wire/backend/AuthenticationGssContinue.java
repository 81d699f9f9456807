package dev.hyperdrive.wire.backend;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
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
    return other instanceof AuthenticationGssContinue that && Arrays.equals(data, that.data);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "AuthenticationGssContinue[" + data.length + " bytes]";
  }
}
