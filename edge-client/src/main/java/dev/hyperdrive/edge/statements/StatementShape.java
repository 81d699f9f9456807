package dev.hyperdrive.edge.statements;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.backend.BackendDecoder;
import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.backend.NoData;
import dev.hyperdrive.wire.backend.RowDescription;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.List;

/**
 * What PostgreSQL answers to Describe of a prepared statement, kept as the origin's exact frames: the
 * ParameterDescription, and the RowDescription or NoData. The edge replays these bytes to drivers
 * and compares them byte for byte with what the origin says later.
 */
public record StatementShape(byte[] parameterDescription, byte[] resultDescription) {
  public StatementShape {
    parameterDescription = parameterDescription.clone();
    resultDescription = resultDescription.clone();
  }

  @Override
  public byte[] parameterDescription() {
    return parameterDescription.clone();
  }

  @Override
  public byte[] resultDescription() {
    return resultDescription.clone();
  }

  /** The bytes a Describe of the statement is answered with. */
  public byte[] describeReply() {
    byte[] reply = Arrays.copyOf(parameterDescription, parameterDescription.length + resultDescription.length);
    System.arraycopy(resultDescription, 0, reply, parameterDescription.length, resultDescription.length);
    return reply;
  }

  /**
   * Whether a statement with {@code other}'s description returns the same row type as this one, by
   * PostgreSQL's rule for cached plans (plancache.c: same column count, names, types and type
   * modifiers; the source table and column may differ, and parameter types do not matter).
   */
  public boolean sameResultType(StatementShape other) {
    if (Arrays.equals(resultDescription, other.resultDescription)) {
      return true;
    }
    List<RowDescription.Field> mine = fields(resultDescription);
    List<RowDescription.Field> theirs = fields(other.resultDescription);
    if (mine == null || theirs == null || mine.size() != theirs.size()) {
      return false;
    }
    for (int i = 0; i < mine.size(); i++) {
      RowDescription.Field a = mine.get(i);
      RowDescription.Field b = theirs.get(i);
      if (!a.name().equals(b.name()) || a.typeOid() != b.typeOid() || a.typeModifier() != b.typeModifier()) {
        return false;
      }
    }
    return true;
  }

  /** The columns of a RowDescription frame; empty for NoData; null if it is neither. */
  private static List<RowDescription.Field> fields(byte[] frame) {
    ByteBuf buffer = Unpooled.wrappedBuffer(frame);
    try {
      BackendMessage message = BackendDecoder.decode(buffer);
      if (message instanceof RowDescription rows) {
        return rows.fields();
      }
      return message == NoData.INSTANCE ? List.of() : null;
    } catch (ProtocolException malformed) {
      return null;
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StatementShape that && Arrays.equals(parameterDescription, that.parameterDescription)
        && Arrays.equals(resultDescription, that.resultDescription);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(parameterDescription) + Arrays.hashCode(resultDescription);
  }

  @Override
  public String toString() {
    return "StatementShape[" + parameterDescription.length + "+" + resultDescription.length + " bytes]";
  }
}
