package dev.hyperdrive.wire.frontend;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.StartupCodes;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * StartupMessage: the protocol version the client wants and its session parameters ({@code user},
 * {@code database}, {@code options}, GUCs, {@code _pq_.} protocol options), in the order sent.
 *
 * <p>Requiring {@code user} is the session layer's job (PostgreSQL answers 28000 "no PostgreSQL user name
 * specified in startup packet"); the codec only refuses a malformed name/value list.
 */
public record StartupMessage(int protocolVersion, Map<String, String> parameters) implements FrontendMessage {
  public static final int PROTOCOL_3_0 = StartupCodes.PROTOCOL_3_0;

  public StartupMessage {
    if (!StartupCodes.isProtocol3(protocolVersion)) {
      throw new IllegalArgumentException("not a protocol 3.x version: " + protocolVersion);
    }
    Map<String, String> copy = new LinkedHashMap<>();
    parameters.forEach((name, value) -> {
      if (Fields.cstring(name, "parameter name").isEmpty()) {
        throw new IllegalArgumentException("parameter name must not be empty: it would end the list");
      }
      copy.put(name, Fields.cstring(value, "value of " + name));
    });
    parameters = Collections.unmodifiableMap(copy);
  }

  public StartupMessage(Map<String, String> parameters) {
    this(PROTOCOL_3_0, parameters);
  }

  public int majorVersion() {
    return StartupCodes.majorVersion(protocolVersion);
  }

  public int minorVersion() {
    return StartupCodes.minorVersion(protocolVersion);
  }

  public String parameter(String name) {
    return parameters.get(Objects.requireNonNull(name, "name"));
  }

  /**
   * Decodes the name/value pairs after the version code. A repeated name keeps its first position and its
   * last value, as PostgreSQL applies them in order.
   */
  public static StartupMessage decode(int protocolVersion, ByteBuf body) throws ProtocolException {
    Map<String, String> parameters = new LinkedHashMap<>();
    while (true) {
      String name = readPairString(body);
      if (name.isEmpty()) {
        if (body.isReadable()) {
          throw layoutError();
        }
        return new StartupMessage(protocolVersion, parameters);
      }
      parameters.put(name, readPairString(body));
    }
  }

  private static String readPairString(ByteBuf body) throws ProtocolException {
    if (!body.isReadable()) {
      throw layoutError();
    }
    try {
      return Wire.readCString(body);
    } catch (ProtocolException missingTerminator) {
      throw layoutError();
    }
  }

  private static ProtocolException layoutError() {
    return new ProtocolException("invalid startup packet layout: expected terminator as last byte");
  }

  @Override
  public void encode(ByteBuf out) {
    int lengthIndex = Wire.beginUntaggedMessage(out);
    out.writeInt(protocolVersion);
    parameters.forEach((name, value) -> {
      Wire.writeCString(out, name);
      Wire.writeCString(out, value);
    });
    out.writeByte(0);
    Wire.endMessage(out, lengthIndex);
  }
}
