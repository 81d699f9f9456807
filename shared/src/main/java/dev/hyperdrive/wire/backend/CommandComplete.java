package dev.hyperdrive.wire.backend;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;

/** A command finished; the tag names it and, for most, counts rows ("INSERT 0 1", "SELECT 5", "BEGIN"). */
public record CommandComplete(String tag) implements BackendMessage {
  public static final byte TAG = 'C';

  public CommandComplete {
    CStrings.check(tag, "command tag");
  }

  @Override
  public void encode(ByteBuf out) {
    int lengthIndex = Wire.beginMessage(out, TAG);
    Wire.writeCString(out, tag);
    Wire.endMessage(out, lengthIndex);
  }

  public static CommandComplete decode(ByteBuf body) throws ProtocolException {
    String tag = Wire.readCString(body);
    Wire.expectEnd(body, "CommandComplete");
    return new CommandComplete(tag);
  }
}
