package dev.hyperdrive.wire.frontend;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.Objects;

/**
 * Parse ('P'): prepares {@code query} as {@code statement} ("" = the unnamed statement), with parameter
 * type OIDs the client fixes in advance (0 = let the server infer).
 */
public record Parse(String statement, String query, int[] parameterTypes) implements FrontendMessage {
  public static final byte TAG = 'P';

  public Parse {
    Fields.cstring(statement, "statement");
    Fields.cstring(query, "query");
    Fields.count16(parameterTypes.length, "parameterTypes");
  }

  public static Parse decode(ByteBuf body) throws ProtocolException {
    return new Parse(Wire.readCString(body), Wire.readCString(body), Wire.readInt32Array(body));
  }

  @Override
  public void encode(ByteBuf out) {
    int lengthIndex = Wire.beginMessage(out, TAG);
    Wire.writeCString(out, statement);
    Wire.writeCString(out, query);
    Wire.writeInt32Array(out, parameterTypes);
    Wire.endMessage(out, lengthIndex);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Parse that && statement.equals(that.statement) && query.equals(that.query)
        && Arrays.equals(parameterTypes, that.parameterTypes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(statement, query, Arrays.hashCode(parameterTypes));
  }

  @Override
  public String toString() {
    return "Parse[statement=" + statement + ", query=" + query + ", parameterTypes="
        + Arrays.toString(parameterTypes) + "]";
  }
}
