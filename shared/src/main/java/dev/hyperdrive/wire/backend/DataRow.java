package dev.hyperdrive.wire.backend;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One result row: each column's value in the format RowDescription announced, {@code null} for SQL NULL.
 * The relay path forwards DataRow frames as bytes; this type is for the places that read values (the cache,
 * tests). The column arrays are not copied.
 */
public record DataRow(List<byte[]> columns) implements BackendMessage {
  public static final byte TAG = 'D';

  /** Each column costs at least its Int32 length. */
  private static final int MIN_COLUMN_BYTES = Integer.BYTES;

  public DataRow {
    columns = Counts.checkInt16(columns.size(), "DataRow columns", Collections.unmodifiableList(new ArrayList<>(columns)));
  }

  @Override
  public void encode(ByteBuf out) {
    int lengthIndex = Wire.beginMessage(out, TAG);
    out.writeShort(columns.size());
    for (byte[] column : columns) {
      Wire.writeNullableBytes(out, column);
    }
    Wire.endMessage(out, lengthIndex);
  }

  public static DataRow decode(ByteBuf body) throws ProtocolException {
    int count = Wire.readCount16(body, MIN_COLUMN_BYTES);
    List<byte[]> columns = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      columns.add(Wire.readNullableBytes(body));
    }
    Wire.expectEnd(body, "DataRow");
    return new DataRow(columns);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DataRow that && ByteArrays.equal(columns, that.columns);
  }

  @Override
  public int hashCode() {
    return ByteArrays.hash(columns);
  }

  @Override
  public String toString() {
    return "DataRow" + ByteArrays.describe(columns);
  }
}
