package dev.hyperdrive.wire.backend;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;

/** A NOTIFY on a channel this session LISTENs to, raised by the backend with {@code processId}. */
public record NotificationResponse(int processId, String channel, String payload) implements BackendMessage {
  public static final byte TAG = 'A';

  public NotificationResponse {
    CStrings.check(channel, "notification channel");
    CStrings.check(payload, "notification payload");
  }

  @Override
  public void encode(ByteBuf out) {
    int lengthIndex = Wire.beginMessage(out, TAG);
    out.writeInt(processId);
    Wire.writeCString(out, channel);
    Wire.writeCString(out, payload);
    Wire.endMessage(out, lengthIndex);
  }

  public static NotificationResponse decode(ByteBuf body) throws ProtocolException {
    int processId = Wire.readInt32(body);
    String channel = Wire.readCString(body);
    String payload = Wire.readCString(body);
    Wire.expectEnd(body, "NotificationResponse");
    return new NotificationResponse(processId, channel, payload);
  }
}
