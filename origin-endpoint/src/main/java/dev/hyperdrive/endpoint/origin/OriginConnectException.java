package dev.hyperdrive.endpoint.origin;

import dev.hyperdrive.wire.backend.ErrorResponse;

/**
 * Opening an origin connection failed. {@link #error()} is what the client should see: the origin's
 * own ErrorResponse when the origin refused us (28P01, 3D000, 53300, ...), or one we composed for
 * network failures (08001 refused / unreachable, 08006 timed out or dropped). {@link #kind()} says
 * which of those it was, for callers that classify failures (the connect probe).
 */
public final class OriginConnectException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient ErrorResponse error;
  private final OriginFailureKind kind;

  public OriginConnectException(OriginFailureKind kind, ErrorResponse error, Throwable cause) {
    super(error.sqlState() + ": " + error.message(), cause);
    this.kind = kind;
    this.error = error;
  }

  /** A failure the endpoint composed that fits no more specific {@link OriginFailureKind}. */
  public OriginConnectException(ErrorResponse error, Throwable cause) {
    this(OriginFailureKind.OTHER, error, cause);
  }

  public OriginFailureKind kind() {
    return kind;
  }

  public ErrorResponse error() {
    return error;
  }
}
