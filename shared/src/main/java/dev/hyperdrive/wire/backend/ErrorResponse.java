package dev.hyperdrive.wire.backend;

import dev.hyperdrive.wire.ProtocolException;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * An error: the current command failed (ERROR) or the session is over (FATAL, PANIC). The errors our own
 * services send to drivers are built with {@link #error} / {@link #fatal}, which write the fields PostgreSQL
 * writes (S, V, C, M, then D, H), so drivers show them like any server error.
 */
public record ErrorResponse(Notice fields) implements NoticeMessage {
  public static final byte TAG = 'E';

  public ErrorResponse {
    Objects.requireNonNull(fields, "fields");
  }

  /** The current command failed; the session goes on. */
  public static ErrorResponse error(String sqlState, String message) {
    return new ErrorResponse(Notice.of("ERROR", sqlState, message));
  }

  /** The session is over: the server closes the connection after sending this. */
  public static ErrorResponse fatal(String sqlState, String message) {
    return new ErrorResponse(Notice.of("FATAL", sqlState, message));
  }

  public ErrorResponse withDetail(String detail) {
    return new ErrorResponse(fields.with(Notice.DETAIL, detail));
  }

  public ErrorResponse withHint(String hint) {
    return new ErrorResponse(fields.with(Notice.HINT, hint));
  }

  /** FATAL or PANIC: the sender closes the connection. The non-localized severity is preferred when present. */
  public boolean isFatal() {
    String severity = fields.severityNonLocalized() != null ? fields.severityNonLocalized() : fields.severity();
    return "FATAL".equals(severity) || "PANIC".equals(severity);
  }

  @Override
  public void encode(ByteBuf out) {
    fields.encode(out, TAG);
  }

  public static ErrorResponse decode(ByteBuf body) throws ProtocolException {
    return new ErrorResponse(Notice.decode(body, "ErrorResponse"));
  }

  @Override
  public String toString() {
    return "ErrorResponse[" + fields + "]";
  }
}
