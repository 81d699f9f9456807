package dev.hyperdrive.wire.frontend;

import dev.hyperdrive.wire.OpaqueBytes;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/** SASLResponse ('p'): a later SASL message (for SCRAM, the client-final message); the body is the data. */
public record SaslResponse(byte[] data) implements FrontendMessage {
  public static final byte TAG = 'p';

  public SaslResponse {
    Objects.requireNonNull(data, "data");
  }

  public static SaslResponse decode(ByteBuf body) {
    return new SaslResponse(Wire.readRemainingBytes(body));
  }

  @Override
  public void encode(ByteBuf out) {
    OpaqueBytes.encode(out, TAG, data);
  }

  @Override
  public boolean equals(Object other) {
    return OpaqueBytes.equal(data, other, SaslResponse.class, SaslResponse::data);
  }

  @Override
  public int hashCode() {
    return OpaqueBytes.hash(data);
  }

  @Override
  public String toString() {
    return "SaslResponse[data=" + data.length + " bytes]";
  }
}
