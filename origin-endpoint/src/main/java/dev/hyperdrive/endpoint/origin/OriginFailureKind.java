package dev.hyperdrive.endpoint.origin;

/**
 * What went wrong opening an origin connection, as far as the endpoint could see it. The relay does not
 * need it (clients get {@link OriginConnectException#error()}); the connect probe reports it to placement
 * so an operator learns what to fix.
 */
public enum OriginFailureKind {
  /** The origin's host name did not resolve. */
  UNKNOWN_HOST,
  /** The TCP connection could not be made: refused, no route, rejected by a firewall. */
  UNREACHABLE,
  /** TCP connect, TLS and login did not finish within the connect timeout. */
  TIMED_OUT,
  /** The sslmode asks for TLS and the origin answered 'N' to SSLRequest: it does not offer TLS. */
  TLS_NOT_OFFERED,
  /** The TLS handshake or the certificate check failed. */
  TLS_HANDSHAKE,
  /** The origin sent an ErrorResponse: {@link OriginConnectException#error()} is the origin's own. */
  ORIGIN_ERROR,
  /** Our half of the login refused to go on (an unsupported method, a server SCRAM signature that does not verify). */
  AUTHENTICATION,
  /** The origin broke the startup protocol. */
  PROTOCOL,
  /** The origin closed the connection (or it was reset) during login. */
  CLOSED,
  /** Anything else, composed by the endpoint (e.g. the pool shutting down). */
  OTHER
}
