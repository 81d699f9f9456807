package dev.hyperdrive.endpoint.probe;

import dev.hyperdrive.endpoint.origin.OriginConnectException;
import dev.hyperdrive.proto.probe.ConnectFailure;
import dev.hyperdrive.proto.probe.FailureKind;
import dev.hyperdrive.wire.backend.ErrorResponse;

/**
 * Turns an origin connect failure into probe.proto's {@link ConnectFailure}, so placement can tell an
 * operator what to fix. The table (placement/README.md) matches {@code JdbcProbe.classify} in
 * placement's tests, which does the same for pgjdbc's exceptions.
 */
final class FailureClassifier {
  static final String INVALID_PASSWORD = "28P01";
  static final String INVALID_AUTHORIZATION = "28000";
  static final String INVALID_CATALOG_NAME = "3D000";
  /**
   * The end of PostgreSQL's "no pg_hba.conf entry for host ..., no encryption": only hostssl lines would
   * have matched, so the origin insists on TLS. The words are translated when the origin's lc_messages
   * is not English; such an origin's refusal is then reported as BAD_CREDENTIALS with its own message.
   */
  static final String NO_ENCRYPTION = "no encryption";

  private FailureClassifier() {}

  static ConnectFailure classify(OriginConnectException exception) {
    ErrorResponse error = exception.error();
    switch (exception.kind()) {
      case UNKNOWN_HOST:
        return failure(FailureKind.BAD_HOSTNAME, osWords(exception));
      case UNREACHABLE:
        return failure(FailureKind.CONNECTION_REFUSED, osWords(exception));
      case TIMED_OUT:
        return failure(FailureKind.TIMEOUT, error.message());
      case TLS_NOT_OFFERED:
      case TLS_HANDSHAKE:
        return failure(FailureKind.TLS_FAILED, error.message());
      case ORIGIN_ERROR:
        return failure(byOriginSqlState(error), error.message()).toBuilder().setSqlstate(error.sqlState()).build();
      case AUTHENTICATION:
        // Our half of the login gave up; a 28xxx there means the origin's SCRAM exchange refused the password.
        return failure(error.sqlState().startsWith("28") ? FailureKind.BAD_CREDENTIALS : FailureKind.OTHER,
            error.message());
      default:
        return failure(FailureKind.OTHER, error.message());
    }
  }

  private static FailureKind byOriginSqlState(ErrorResponse error) {
    String sqlState = error.sqlState();
    if (INVALID_AUTHORIZATION.equals(sqlState) && error.message().contains(NO_ENCRYPTION)) {
      return FailureKind.TLS_REQUIRED;
    }
    if (INVALID_PASSWORD.equals(sqlState) || INVALID_AUTHORIZATION.equals(sqlState)) {
      return FailureKind.BAD_CREDENTIALS;
    }
    if (INVALID_CATALOG_NAME.equals(sqlState)) {
      return FailureKind.UNKNOWN_DATABASE;
    }
    return FailureKind.OTHER;
  }

  /** The operating system's own words (e.g. "Connection refused: /127.0.0.1:5433"), else ours. */
  private static String osWords(OriginConnectException exception) {
    return exception.getCause() == null ? exception.error().message() : rootMessage(exception.getCause());
  }

  /** The innermost cause's message: the OS or TLS library's own words. */
  static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  static ConnectFailure failure(FailureKind kind, String message) {
    return ConnectFailure.newBuilder().setKind(kind).setMessage(message).build();
  }
}
