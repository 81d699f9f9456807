package dev.hyperdrive.wire.backend;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/** The result of a FunctionCall; {@code value} is {@code null} when the function returned NULL. Not copied. */
public record FunctionCallResponse(byte[] value) implements BackendMessage {
  public static final byte TAG = 'V';

  @Override
  public void encode(ByteBuf out) {
    int lengthIndex = Wire.beginMessage(out, TAG);
    Wire.writeNullableBytes(out, value);
    Wire.endMessage(out, lengthIndex);
  }

  public static FunctionCallResponse decode(ByteBuf body) throws ProtocolException {
    byte[] value = Wire.readNullableBytes(body);
    Wire.expectEnd(body, "FunctionCallResponse");
    return new FunctionCallResponse(value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FunctionCallResponse that && Arrays.equals(value, that.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "FunctionCallResponse[" + (value == null ? "NULL" : value.length + " bytes") + "]";
  }
}
