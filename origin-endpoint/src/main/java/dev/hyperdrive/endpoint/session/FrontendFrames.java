package dev.hyperdrive.endpoint.session;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.Wire;
import dev.hyperdrive.wire.frontend.Parse;
import dev.hyperdrive.wire.frontend.Query;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** Reads the few fields session tracking needs from frontend frames, without decoding parameter values. */
final class FrontendFrames {
  private FrontendFrames() {}

  /** The leading C strings of a frame's body: Query's text, Bind's portal and statement, Execute's portal. */
  static String[] leadingStrings(ByteBuf frame, int count) throws ProtocolException {
    ByteBuf body = frame.duplicate().skipBytes(Wire.HEADER_LENGTH);
    String[] strings = new String[count];
    for (int i = 0; i < count; i++) {
      strings[i] = Wire.readCString(body);
    }
    return strings;
  }

  static Parse parse(ByteBuf frame) throws ProtocolException {
    return Parse.decode(frame.duplicate().skipBytes(Wire.HEADER_LENGTH));
  }

  static ByteBuf encode(Query query) {
    ByteBuf buffer = Unpooled.buffer();
    query.encode(buffer);
    return buffer;
  }

  static ByteBuf encode(Parse parse) {
    ByteBuf buffer = Unpooled.buffer();
    parse.encode(buffer);
    return buffer;
  }
}
