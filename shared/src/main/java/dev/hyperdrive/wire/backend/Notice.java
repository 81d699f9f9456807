package dev.hyperdrive.wire.backend;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of an ErrorResponse or NoticeResponse, in wire order. Unknown field codes are kept (clients must
 * ignore them, and a relay must not drop them), so decoding and re-encoding gives the same bytes. Accessors
 * return {@code null} when a field is absent; if a code repeats, the first occurrence wins.
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-error-fields.html">Error and Notice Message Fields</a>
 */
public record Notice(List<Field> fields) {
  public static final byte SEVERITY = 'S';
  public static final byte SEVERITY_NON_LOCALIZED = 'V';
  public static final byte SQLSTATE = 'C';
  public static final byte MESSAGE = 'M';
  public static final byte DETAIL = 'D';
  public static final byte HINT = 'H';
  public static final byte POSITION = 'P';
  public static final byte INTERNAL_POSITION = 'p';
  public static final byte INTERNAL_QUERY = 'q';
  public static final byte WHERE = 'W';
  public static final byte SCHEMA_NAME = 's';
  public static final byte TABLE_NAME = 't';
  public static final byte COLUMN_NAME = 'c';
  public static final byte DATA_TYPE_NAME = 'd';
  public static final byte CONSTRAINT_NAME = 'n';
  public static final byte FILE = 'F';
  public static final byte LINE = 'L';
  public static final byte ROUTINE = 'R';

  /** The order in which PostgreSQL's send_message_to_frontend writes the fields. */
  private static final String POSTGRES_ORDER = "SVCMDHPpqWstcdnFLR";

  /** One field: a code byte (never 0, which ends the list) and its text. */
  public record Field(byte code, String value) {
    public Field {
      if (code == 0) {
        throw new IllegalArgumentException("field code 0 is the list terminator");
      }
      CStrings.check(value, "notice field " + (char) code);
    }
  }

  public Notice {
    fields = List.copyOf(fields);
  }

  /** Severity (both localized and not), SQLSTATE and message, as PostgreSQL writes them. */
  public static Notice of(String severity, String sqlState, String message) {
    if (!sqlState.matches("[0-9A-Z]{5}")) {
      throw new IllegalArgumentException("SQLSTATE must be 5 digits or capital letters, got " + sqlState);
    }
    return new Notice(List.of(
        new Field(SEVERITY, severity),
        new Field(SEVERITY_NON_LOCALIZED, severity),
        new Field(SQLSTATE, sqlState),
        new Field(MESSAGE, message)));
  }

  /** The value of the first field with this code, or {@code null}. */
  public String get(byte code) {
    for (Field field : fields) {
      if (field.code == code) {
        return field.value;
      }
    }
    return null;
  }

  /** A copy with this field set: replaced where it is, or else inserted where PostgreSQL would put it. */
  public Notice with(byte code, String value) {
    List<Field> updated = new ArrayList<>(fields);
    Field field = new Field(code, value);
    for (int i = 0; i < updated.size(); i++) {
      if (updated.get(i).code == code) {
        updated.set(i, field);
        return new Notice(updated);
      }
    }
    int insertAt = updated.size();
    while (insertAt > 0 && rank(updated.get(insertAt - 1).code) > rank(code)) {
      insertAt--;
    }
    updated.add(insertAt, field);
    return new Notice(updated);
  }

  /** Unknown codes rank after all known ones, so they stay at the end. */
  private static int rank(byte code) {
    int index = POSTGRES_ORDER.indexOf(code);
    return index < 0 ? POSTGRES_ORDER.length() : index;
  }

  public String severity() {
    return get(SEVERITY);
  }

  public String severityNonLocalized() {
    return get(SEVERITY_NON_LOCALIZED);
  }

  public String sqlState() {
    return get(SQLSTATE);
  }

  public String message() {
    return get(MESSAGE);
  }

  public String detail() {
    return get(DETAIL);
  }

  public String hint() {
    return get(HINT);
  }

  public String position() {
    return get(POSITION);
  }

  public String internalPosition() {
    return get(INTERNAL_POSITION);
  }

  public String internalQuery() {
    return get(INTERNAL_QUERY);
  }

  public String where() {
    return get(WHERE);
  }

  public String schemaName() {
    return get(SCHEMA_NAME);
  }

  public String tableName() {
    return get(TABLE_NAME);
  }

  public String columnName() {
    return get(COLUMN_NAME);
  }

  public String dataTypeName() {
    return get(DATA_TYPE_NAME);
  }

  public String constraintName() {
    return get(CONSTRAINT_NAME);
  }

  public String file() {
    return get(FILE);
  }

  public String line() {
    return get(LINE);
  }

  public String routine() {
    return get(ROUTINE);
  }

  /** Writes a whole ErrorResponse ('E') or NoticeResponse ('N') frame with these fields. */
  void encode(ByteBuf out, byte tag) {
    int lengthIndex = Wire.beginMessage(out, tag);
    for (Field field : fields) {
      out.writeByte(field.code);
      Wire.writeCString(out, field.value);
    }
    out.writeByte(0);
    Wire.endMessage(out, lengthIndex);
  }

  static Notice decode(ByteBuf body, String messageName) throws ProtocolException {
    List<Field> fields = new ArrayList<>();
    for (byte code = Wire.readByte(body); code != 0; code = Wire.readByte(body)) {
      fields.add(new Field(code, Wire.readCString(body)));
    }
    Wire.expectEnd(body, messageName);
    return new Notice(fields);
  }

  /** Severity, SQLSTATE and message only: detail and hint may quote row values. */
  @Override
  public String toString() {
    return severity() + " " + sqlState() + ": " + message();
  }
}
