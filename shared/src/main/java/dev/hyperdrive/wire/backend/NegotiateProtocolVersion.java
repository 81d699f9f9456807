package dev.hyperdrive.wire.backend;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * The server does not support the requested minor protocol version or some {@code _pq_.} startup options;
 * it names the newest minor version it speaks and the options it ignored.
 */
public record NegotiateProtocolVersion(int newestMinorVersion, List<String> unrecognizedOptions)
    implements BackendMessage {
  public static final byte TAG = 'v';

  public NegotiateProtocolVersion {
    unrecognizedOptions = List.copyOf(unrecognizedOptions);
    for (String option : unrecognizedOptions) {
      CStrings.check(option, "protocol option name");
    }
  }

  @Override
  public void encode(ByteBuf out) {
    int lengthIndex = Wire.beginMessage(out, TAG);
    out.writeInt(newestMinorVersion);
    out.writeInt(unrecognizedOptions.size());
    for (String option : unrecognizedOptions) {
      Wire.writeCString(out, option);
    }
    Wire.endMessage(out, lengthIndex);
  }

  public static NegotiateProtocolVersion decode(ByteBuf body) throws ProtocolException {
    int newestMinorVersion = Wire.readInt32(body);
    int count = Wire.readInt32(body);
    // Unlike most counts this one is an Int32; each option takes at least its terminator byte.
    if (count < 0 || count > body.readableBytes()) {
      throw new ProtocolException("invalid message format: NegotiateProtocolVersion option count " + count);
    }
    List<String> options = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      options.add(Wire.readCString(body));
    }
    Wire.expectEnd(body, "NegotiateProtocolVersion");
    return new NegotiateProtocolVersion(newestMinorVersion, options);
  }
}
