package dev.hyperdrive.wire.backend;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;

/** The current value of a reported run-time parameter (server_version, client_encoding, TimeZone, ...). */
public record ParameterStatus(String name, String value) implements BackendMessage {
  public static final byte TAG = 'S';

  public ParameterStatus {
    CStrings.check(name, "parameter name");
    CStrings.check(value, "parameter value");
  }

  @Override
  public void encode(ByteBuf out) {
    int lengthIndex = Wire.beginMessage(out, TAG);
    Wire.writeCString(out, name);
    Wire.writeCString(out, value);
    Wire.endMessage(out, lengthIndex);
  }

  public static ParameterStatus decode(ByteBuf body) throws ProtocolException {
    String name = Wire.readCString(body);
    String value = Wire.readCString(body);
    Wire.expectEnd(body, "ParameterStatus");
    return new ParameterStatus(name, value);
  }
}
