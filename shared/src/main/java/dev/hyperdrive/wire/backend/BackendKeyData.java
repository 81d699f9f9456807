package dev.hyperdrive.wire.backend;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;

/**
 * The process id and secret key a client must quote in a CancelRequest. Protocol 3.0 fixes the key at
 * 4 bytes (3.2 made it variable; this codec speaks 3.0).
 */
public record BackendKeyData(int processId, int secretKey) implements BackendMessage {
  public static final byte TAG = 'K';

  @Override
  public void encode(ByteBuf out) {
    int lengthIndex = Wire.beginMessage(out, TAG);
    out.writeInt(processId);
    out.writeInt(secretKey);
    Wire.endMessage(out, lengthIndex);
  }

  public static BackendKeyData decode(ByteBuf body) throws ProtocolException {
    int processId = Wire.readInt32(body);
    int secretKey = Wire.readInt32(body);
    Wire.expectEnd(body, "BackendKeyData");
    return new BackendKeyData(processId, secretKey);
  }

  /** The secret key is what authorises a cancel, so it stays out of logs. */
  @Override
  public String toString() {
    return "BackendKeyData[processId=" + processId + "]";
  }
}
