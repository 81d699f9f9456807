package dev.hyperdrive.wire.frontend;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/** Close ('C'): drops a prepared statement or a portal; closing one that does not exist is not an error. */
public record Close(Target target, String name) implements FrontendMessage {
  public static final byte TAG = 'C';

  public Close {
    Objects.requireNonNull(target, "target");
    Fields.cstring(name, "name");
  }

  public static Close decode(ByteBuf body) throws ProtocolException {
    return new Close(Target.fromCode(Wire.readByte(body)), Wire.readCString(body));
  }

  @Override
  public void encode(ByteBuf out) {
    int lengthIndex = Wire.beginMessage(out, TAG);
    out.writeByte(target.code());
    Wire.writeCString(out, name);
    Wire.endMessage(out, lengthIndex);
  }
}
