package dev.hyperdrive.wire.backend;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * The server asks for SASL authentication and lists the mechanisms it accepts, in its order of
 * preference. On the wire the list ends with an empty string, so no mechanism may be empty.
 *
 * @see <a href="https://www.postgresql.org/docs/current/sasl-authentication.html">SASL Authentication</a>
 */
public record AuthenticationSasl(List<String> mechanisms) implements Authentication {
  public static final int CODE = 10;

  public AuthenticationSasl {
    mechanisms = List.copyOf(mechanisms);
    for (String mechanism : mechanisms) {
      if (mechanism.isEmpty()) {
        throw new IllegalArgumentException("a SASL mechanism name cannot be empty");
      }
      CStrings.check(mechanism, "SASL mechanism");
    }
  }

  @Override
  public int code() {
    return CODE;
  }

  @Override
  public void encode(ByteBuf out) {
    int lengthIndex = Wire.beginMessage(out, TAG);
    out.writeInt(CODE);
    for (String mechanism : mechanisms) {
      Wire.writeCString(out, mechanism);
    }
    out.writeByte(0);
    Wire.endMessage(out, lengthIndex);
  }

  static AuthenticationSasl decodeAfterCode(ByteBuf body) throws ProtocolException {
    List<String> mechanisms = new ArrayList<>();
    for (String mechanism = Wire.readCString(body); !mechanism.isEmpty(); mechanism = Wire.readCString(body)) {
      mechanisms.add(mechanism);
    }
    Wire.expectEnd(body, "AuthenticationSASL");
    return new AuthenticationSasl(mechanisms);
  }
}
