package dev.hyperdrive.wire;

/**
 * Bytes that are not valid PostgreSQL protocol: an impossible length, a truncated body, an unknown tag.
 * Callers turn it into an ErrorResponse with {@link #sqlState()} (08P01, protocol_violation) and close
 * the connection, as PostgreSQL itself does.
 */
public final class ProtocolException extends Exception {
  private static final long serialVersionUID = 1L;

  public ProtocolException(String message) {
    super(message);
  }

  public ProtocolException(String message, Throwable cause) {
    super(message, cause);
  }

  public String sqlState() {
    return SqlState.PROTOCOL_VIOLATION;
  }
}
