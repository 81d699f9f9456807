package dev.hyperdrive.wire.frontend;

import dev.hyperdrive.wire.ByteArrays;
import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** FunctionCall ('F'): the legacy fast-path call of a function by OID ({@code null} argument = SQL NULL). */
public record FunctionCall(int functionOid, short[] argumentFormats, List<byte[]> arguments, short resultFormat)
    implements FrontendMessage {
  public static final byte TAG = 'F';

  public FunctionCall {
    Fields.count16(argumentFormats.length, "argumentFormats");
    Fields.count16(arguments.size(), "arguments");
    arguments = ByteArrays.copyOf(arguments);
  }

  public static FunctionCall decode(ByteBuf body) throws ProtocolException {
    int functionOid = Wire.readInt32(body);
    short[] argumentFormats = Wire.readInt16Array(body);
    List<byte[]> arguments = Wire.readNullableBytesList(body);
    return new FunctionCall(functionOid, argumentFormats, arguments, Wire.readInt16(body));
  }

  @Override
  public void encode(ByteBuf out) {
    int lengthIndex = Wire.beginMessage(out, TAG);
    out.writeInt(functionOid);
    Wire.writeInt16Array(out, argumentFormats);
    Wire.writeNullableBytesList(out, arguments);
    out.writeShort(resultFormat);
    Wire.endMessage(out, lengthIndex);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FunctionCall that && functionOid == that.functionOid
        && Arrays.equals(argumentFormats, that.argumentFormats) && ByteArrays.equals(arguments, that.arguments)
        && resultFormat == that.resultFormat;
  }

  @Override
  public int hashCode() {
    return Objects.hash(functionOid, Arrays.hashCode(argumentFormats), ByteArrays.hashCode(arguments), resultFormat);
  }

  /** Arguments are user data and stay out of logs; only their sizes show. */
  @Override
  public String toString() {
    return "FunctionCall[functionOid=" + functionOid + ", argumentFormats=" + Arrays.toString(argumentFormats)
        + ", arguments=" + ByteArrays.describe(arguments) + ", resultFormat=" + resultFormat + "]";
  }
}
