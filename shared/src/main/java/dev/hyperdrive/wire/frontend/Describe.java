package dev.hyperdrive.wire.frontend;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/** Describe ('D'): asks for the parameter and row description of a statement, or the rows of a portal. */
public record Describe(Target target, String name) implements FrontendMessage {
  public static final byte TAG = 'D';

  public Describe {
    Objects.requireNonNull(target, "target");
    Fields.cstring(name, "name");
  }

  public static Describe decode(ByteBuf body) throws ProtocolException {
    return new Describe(Target.fromCode(Wire.readByte(body)), Wire.readCString(body));
  }

  @Override
  public void encode(ByteBuf out) {
    int lengthIndex = Wire.beginMessage(out, TAG);
    out.writeByte(target.code());
    Wire.writeCString(out, name);
    Wire.endMessage(out, lengthIndex);
  }
}
