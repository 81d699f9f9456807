package dev.hyperdrive.endpoint.origin;

import dev.hyperdrive.endpoint.config.OriginConfig;
import dev.hyperdrive.wire.SqlState;
import dev.hyperdrive.wire.backend.ErrorResponse;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * The errors the endpoint composes when it cannot reach or log in to an origin. They are FATAL: the
 * client's session cannot run its batch, exactly as a driver connecting directly would be told.
 */
final class OriginErrors {
  private OriginErrors() {}

  static OriginConnectException unreachable(OriginConfig origin, Throwable cause) {
    OriginFailureKind kind = cause instanceof UnknownHostException ? OriginFailureKind.UNKNOWN_HOST
        : OriginFailureKind.UNREACHABLE;
    String reason = cause instanceof UnknownHostException ? "unknown host"
        : cause instanceof ConnectException ? "connection refused" : String.valueOf(cause.getMessage());
    return new OriginConnectException(kind, ErrorResponse.fatal(SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION,
        "could not connect to the origin at " + origin.address() + ": " + reason)
        .withHint("Check the origin's host and port in endpoint.yaml and that PostgreSQL accepts TCP connections there."),
        cause);
  }

  static OriginConnectException timedOut(OriginConfig origin, Duration timeout) {
    return new OriginConnectException(OriginFailureKind.TIMED_OUT, ErrorResponse.fatal(SqlState.CONNECTION_FAILURE,
        "timed out after " + describe(timeout) + " connecting and logging in to the origin at " + origin.address())
        .withHint("The origin may be down or overloaded; raise server_connect_timeout if it is just slow."),
        null);
  }

  static OriginConnectException closedDuringStartup(OriginConfig origin, Throwable cause) {
    return new OriginConnectException(OriginFailureKind.CLOSED, ErrorResponse.fatal(SqlState.CONNECTION_FAILURE,
        "the origin at " + origin.address() + " closed the connection during login"
            + (cause == null ? "" : ": " + cause.getMessage())), cause);
  }

  static OriginConnectException tlsRefused(OriginConfig origin) {
    return new OriginConnectException(OriginFailureKind.TLS_NOT_OFFERED,
        ErrorResponse.fatal(SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION,
        "the origin at " + origin.address() + " does not accept TLS, but sslmode is " + origin.sslMode())
        .withHint("Enable ssl on the origin, or set sslmode: disable for this database in endpoint.yaml."), null);
  }

  static OriginConnectException tlsFailed(OriginConfig origin, Throwable cause) {
    return new OriginConnectException(OriginFailureKind.TLS_HANDSHAKE,
        ErrorResponse.fatal(SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION,
        "TLS with the origin at " + origin.address() + " failed (sslmode " + origin.sslMode() + "): "
            + cause.getMessage()), cause);
  }

  static OriginConnectException protocol(OriginConfig origin, String problem, Throwable cause) {
    return new OriginConnectException(OriginFailureKind.PROTOCOL, ErrorResponse.fatal(SqlState.PROTOCOL_VIOLATION,
        "the origin at " + origin.address() + " broke the startup protocol: " + problem), cause);
  }

  static OriginConnectException authentication(OriginConfig origin, String sqlState, String problem) {
    return new OriginConnectException(OriginFailureKind.AUTHENTICATION, ErrorResponse.fatal(sqlState,
        "cannot log in to the origin at " + origin.address() + " as " + origin.user() + ": " + problem), null);
  }

  /** The origin refused us with its own ErrorResponse (28P01, 3D000, 53300, ...): the client sees it as sent. */
  static OriginConnectException refusedByOrigin(ErrorResponse error) {
    return new OriginConnectException(OriginFailureKind.ORIGIN_ERROR, error, null);
  }

  private static String describe(Duration duration) {
    return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
  }
}
