package dev.hyperdrive.wire.frontend;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.Objects;

/**
 * SASLInitialResponse ('p'): the chosen mechanism and the client-first message; {@code data == null} is
 * sent as length -1 (no initial response).
 */
public record SaslInitialResponse(String mechanism, byte[] data) implements FrontendMessage {
  public static final byte TAG = 'p';

  public SaslInitialResponse {
    Fields.cstring(mechanism, "mechanism");
  }

  public static SaslInitialResponse decode(ByteBuf body) throws ProtocolException {
    return new SaslInitialResponse(Wire.readCString(body), Wire.readNullableBytes(body));
  }

  @Override
  public void encode(ByteBuf out) {
    int lengthIndex = Wire.beginMessage(out, TAG);
    Wire.writeCString(out, mechanism);
    Wire.writeNullableBytes(out, data);
    Wire.endMessage(out, lengthIndex);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SaslInitialResponse that
        && mechanism.equals(that.mechanism) && Arrays.equals(data, that.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mechanism, Arrays.hashCode(data));
  }

  @Override
  public String toString() {
    return "SaslInitialResponse[mechanism=" + mechanism + ", data="
        + (data == null ? "none" : data.length + " bytes") + "]";
  }
}
