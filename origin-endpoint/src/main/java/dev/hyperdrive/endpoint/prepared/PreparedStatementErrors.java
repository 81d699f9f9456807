package dev.hyperdrive.endpoint.prepared;

import dev.hyperdrive.wire.SqlState;
import dev.hyperdrive.wire.backend.ErrorResponse;

/**
 * The errors a driver gets about prepared statements: PostgreSQL's own texts and SQLSTATEs
 * (src/backend/commands/prepare.c, tcop/postgres.c), and ours for what a shared connection cannot do.
 */
final class PreparedStatementErrors {
  static final String DUPLICATE_PREPARED_STATEMENT = "42P05";
  static final String INVALID_SQL_STATEMENT_NAME = "26000";
  private static final String CACHED_PLAN_CHANGED = "cached plan must not change result type";
  private static final String USE_PROTOCOL_LEVEL = "Use your driver's prepared statements (the extended query "
      + "protocol's Parse/Bind), which the endpoint keeps on every pooled connection.";

  private PreparedStatementErrors() {}

  static ErrorResponse alreadyExists(String name) {
    return ErrorResponse.error(DUPLICATE_PREPARED_STATEMENT, "prepared statement \"" + name + "\" already exists");
  }

  static ErrorResponse doesNotExist(String name) {
    return ErrorResponse.error(INVALID_SQL_STATEMENT_NAME, "prepared statement \"" + name + "\" does not exist");
  }

  static ErrorResponse unnamedDoesNotExist() {
    return ErrorResponse.error(INVALID_SQL_STATEMENT_NAME, "unnamed prepared statement does not exist");
  }

  /** SQL-level PREPARE/EXECUTE: the statement would live on one server connection of the pool. */
  static ErrorResponse sqlLevelUnsupported(String command) {
    return ErrorResponse.error(SqlState.FEATURE_NOT_SUPPORTED, "SQL-level " + command
            + " is not supported through the Hyperdrive connection pool (transaction mode): the statement would"
            + " exist on one server connection, and the next transaction may run on another")
        .withHint(USE_PROTOCOL_LEVEL);
  }

  static ErrorResponse deallocateNotAlone() {
    return ErrorResponse.error(SqlState.FEATURE_NOT_SUPPORTED,
            "DEALLOCATE of a named statement must be sent as a simple query of its own through the Hyperdrive "
                + "connection pool")
        .withHint("Send DEALLOCATE name as its own query, or close the statement with the protocol's Close message.");
  }

  /** The origin's error when a prepared statement's result columns changed since it was planned. */
  static boolean isCachedPlanChanged(ErrorResponse error) {
    return error != null && SqlState.FEATURE_NOT_SUPPORTED.equals(error.fields().sqlState())
        && CACHED_PLAN_CHANGED.equals(error.fields().message());
  }

  static boolean hasState(ErrorResponse error, String sqlState) {
    return error != null && sqlState.equals(error.fields().sqlState());
  }
}
