package dev.hyperdrive.wire.backend;

import dev.hyperdrive.wire.ByteArrays;
import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * One result row: each column's value in the format RowDescription announced, {@code null} for SQL NULL.
 * The relay path forwards DataRow frames as bytes; this type is for the places that read values (the cache,
 * tests). The column arrays are not copied.
 */
public record DataRow(List<byte[]> columns) implements BackendMessage {
  public static final byte TAG = 'D';

  public DataRow {
    columns = Counts.checkInt16(columns.size(), "DataRow columns", ByteArrays.copyOf(columns));
  }

  @Override
  public void encode(ByteBuf out) {
    int lengthIndex = Wire.beginMessage(out, TAG);
    Wire.writeNullableBytesList(out, columns);
    Wire.endMessage(out, lengthIndex);
  }

  public static DataRow decode(ByteBuf body) throws ProtocolException {
    List<byte[]> columns = Wire.readNullableBytesList(body);
    Wire.expectEnd(body, "DataRow");
    return new DataRow(columns);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DataRow that && ByteArrays.equals(columns, that.columns);
  }

  @Override
  public int hashCode() {
    return ByteArrays.hashCode(columns);
  }

  @Override
  public String toString() {
    return "DataRow" + ByteArrays.describe(columns);
  }
}
