package dev.hyperdrive.wire.frontend;

import dev.hyperdrive.wire.ByteArrays;
import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Bind ('B'): creates {@code portal} from {@code statement} with parameter values ({@code null} = SQL NULL)
 * and the formats of parameters and results (0 text, 1 binary; zero codes = all text, one = all alike).
 * Whether the counts fit the statement is the server's call, as it is a recoverable error there.
 */
public record Bind(String portal, String statement, short[] parameterFormats, List<byte[]> parameterValues,
    short[] resultFormats) implements FrontendMessage {
  public static final byte TAG = 'B';

  public Bind {
    Fields.cstring(portal, "portal");
    Fields.cstring(statement, "statement");
    Fields.count16(parameterFormats.length, "parameterFormats");
    Fields.count16(parameterValues.size(), "parameterValues");
    Fields.count16(resultFormats.length, "resultFormats");
    parameterValues = ByteArrays.copyOf(parameterValues);
  }

  public static Bind decode(ByteBuf body) throws ProtocolException {
    String portal = Wire.readCString(body);
    String statement = Wire.readCString(body);
    short[] parameterFormats = Wire.readInt16Array(body);
    List<byte[]> parameterValues = Wire.readNullableBytesList(body);
    return new Bind(portal, statement, parameterFormats, parameterValues, Wire.readInt16Array(body));
  }

  @Override
  public void encode(ByteBuf out) {
    int lengthIndex = Wire.beginMessage(out, TAG);
    Wire.writeCString(out, portal);
    Wire.writeCString(out, statement);
    Wire.writeInt16Array(out, parameterFormats);
    Wire.writeNullableBytesList(out, parameterValues);
    Wire.writeInt16Array(out, resultFormats);
    Wire.endMessage(out, lengthIndex);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Bind that && portal.equals(that.portal) && statement.equals(that.statement)
        && Arrays.equals(parameterFormats, that.parameterFormats)
        && ByteArrays.equals(parameterValues, that.parameterValues)
        && Arrays.equals(resultFormats, that.resultFormats);
  }

  @Override
  public int hashCode() {
    return Objects.hash(portal, statement, Arrays.hashCode(parameterFormats),
        ByteArrays.hashCode(parameterValues), Arrays.hashCode(resultFormats));
  }

  /** Parameter values are user data and stay out of logs; only their sizes show. */
  @Override
  public String toString() {
    return "Bind[portal=" + portal + ", statement=" + statement + ", parameterFormats="
        + Arrays.toString(parameterFormats) + ", parameterValues=" + ByteArrays.describe(parameterValues)
        + ", resultFormats=" + Arrays.toString(resultFormats) + "]";
  }
}
