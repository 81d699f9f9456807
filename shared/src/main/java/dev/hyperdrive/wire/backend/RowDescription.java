package dev.hyperdrive.wire.backend;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/** The columns of the rows that follow: one {@link Field} per column, in order. */
public record RowDescription(List<Field> fields) implements BackendMessage {
  public static final byte TAG = 'T';

  public RowDescription {
    fields = Counts.checkInt16(fields.size(), "RowDescription fields", List.copyOf(fields));
  }

  /**
   * One column. {@code tableOid}/{@code columnAttribute} are 0 when the column is not a plain table column;
   * {@code typeSize} is negative for variable-width types; {@code format} is 0 (text) or 1 (binary).
   */
  public record Field(
      String name,
      int tableOid,
      short columnAttribute,
      int typeOid,
      short typeSize,
      int typeModifier,
      short format) {
    /** Name terminator, Int32 table OID, Int16 attribute, Int32 type OID, Int16 size, Int32 modifier, Int16 format. */
    static final int MIN_BYTES = 1 + 4 + 2 + 4 + 2 + 4 + 2;

    public Field {
      CStrings.check(name, "column name");
    }

    void encode(ByteBuf out) {
      Wire.writeCString(out, name);
      out.writeInt(tableOid);
      out.writeShort(columnAttribute);
      out.writeInt(typeOid);
      out.writeShort(typeSize);
      out.writeInt(typeModifier);
      out.writeShort(format);
    }

    static Field decode(ByteBuf body) throws ProtocolException {
      return new Field(
          Wire.readCString(body),
          Wire.readInt32(body),
          Wire.readInt16(body),
          Wire.readInt32(body),
          Wire.readInt16(body),
          Wire.readInt32(body),
          Wire.readInt16(body));
    }
  }

  @Override
  public void encode(ByteBuf out) {
    int lengthIndex = Wire.beginMessage(out, TAG);
    out.writeShort(fields.size());
    for (Field field : fields) {
      field.encode(out);
    }
    Wire.endMessage(out, lengthIndex);
  }

  public static RowDescription decode(ByteBuf body) throws ProtocolException {
    int count = Wire.readCount16(body, Field.MIN_BYTES);
    List<Field> fields = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      fields.add(Field.decode(body));
    }
    Wire.expectEnd(body, "RowDescription");
    return new RowDescription(fields);
  }
}
