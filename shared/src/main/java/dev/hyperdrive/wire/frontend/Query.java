package dev.hyperdrive.wire.frontend;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;

/** Query ('Q'): a simple-protocol query string, possibly several statements. */
public record Query(String sql) implements FrontendMessage {
  public static final byte TAG = 'Q';

  public Query {
    Fields.cstring(sql, "sql");
  }

  public static Query decode(ByteBuf body) throws ProtocolException {
    return new Query(Wire.readCString(body));
  }

  @Override
  public void encode(ByteBuf out) {
    int lengthIndex = Wire.beginMessage(out, TAG);
    Wire.writeCString(out, sql);
    Wire.endMessage(out, lengthIndex);
  }
}
