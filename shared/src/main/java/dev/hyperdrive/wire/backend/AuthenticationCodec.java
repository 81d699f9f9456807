package dev.hyperdrive.wire.backend;

import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;

/** Frame layout shared by every {@link Authentication} variant: 'R', length, Int32 code, payload. */
final class AuthenticationCodec {
  private AuthenticationCodec() {}

  static void encode(ByteBuf out, int code, byte[] payload) {
    int lengthIndex = Wire.beginMessage(out, Authentication.TAG);
    out.writeInt(code);
    out.writeBytes(payload);
    Wire.endMessage(out, lengthIndex);
  }

  static void encode(ByteBuf out, int code) {
    int lengthIndex = Wire.beginMessage(out, Authentication.TAG);
    out.writeInt(code);
    Wire.endMessage(out, lengthIndex);
  }

  /** The opaque mechanism data that fills the rest of a GSS or SASL message. */
  static byte[] rest(ByteBuf body) {
    return Wire.readRemainingBytes(body);
  }
}
