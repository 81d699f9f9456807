package dev.hyperdrive.edge.statements;

import java.util.Arrays;

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
