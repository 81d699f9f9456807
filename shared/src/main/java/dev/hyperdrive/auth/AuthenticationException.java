package dev.hyperdrive.auth;

import dev.hyperdrive.wire.SqlState;
import dev.hyperdrive.wire.backend.ErrorResponse;

/**
 * A login that must be refused. Carries the SQLSTATE the refusing side reports to the driver:
 * 28P01 (invalid_password) for a wrong password or unknown user, 28000 (invalid_authorization_specification)
 * for an exchange that is malformed or asks for something we do not support.
 */
public final class AuthenticationException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String sqlState;

  public AuthenticationException(String message) {
    this(SqlState.INVALID_PASSWORD, message);
  }

  public AuthenticationException(String sqlState, String message) {
    super(message);
    this.sqlState = sqlState;
  }

  /** The message PostgreSQL gives for a wrong password, which it also gives for an unknown user. */
  public static AuthenticationException passwordFailed(String user) {
    return new AuthenticationException("password authentication failed for user \"" + user + "\"");
  }

  /** An exchange that does not follow the protocol: malformed, out of order, or an unsupported option. */
  public static AuthenticationException badExchange(String message) {
    return new AuthenticationException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, message);
  }

  public String sqlState() {
    return sqlState;
  }

  /** The FATAL ErrorResponse that ends the login, as PostgreSQL sends it. */
  public ErrorResponse toErrorResponse() {
    return ErrorResponse.fatal(sqlState, getMessage());
  }
}
