package dev.hyperdrive.wire.frontend;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.StartupCodes;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;

/**
 * CancelRequest: sent on a new connection, names the session (by its BackendKeyData) whose running query
 * should be cancelled.
 */
public record CancelRequest(int processId, int secretKey) implements FrontendMessage {

  /** Decodes the body after the request code: process id and secret key. */
  public static CancelRequest decode(ByteBuf body) throws ProtocolException {
    return new CancelRequest(Wire.readInt32(body), Wire.readInt32(body));
  }

  @Override
  public void encode(ByteBuf out) {
    out.writeInt(StartupCodes.CANCEL_REQUEST_LENGTH);
    out.writeInt(StartupCodes.CANCEL_REQUEST);
    out.writeInt(processId);
    out.writeInt(secretKey);
  }

  /** The secret key is a capability to cancel someone's query; it stays out of logs. */
  @Override
  public String toString() {
    return "CancelRequest[processId=" + processId + ", secretKey=<hidden>]";
  }
}
