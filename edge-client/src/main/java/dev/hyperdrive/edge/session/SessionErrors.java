package dev.hyperdrive.edge.session;

import dev.hyperdrive.wire.SqlState;
import dev.hyperdrive.wire.backend.ErrorResponse;

/**
 * The errors the edge itself sends to drivers, worded as PostgreSQL words them where PostgreSQL has
 * the same situation, so drivers and operators recognise them.
 */
final class SessionErrors {
  private SessionErrors() {}

  static ErrorResponse protocolViolation(String message) {
    return ErrorResponse.fatal(SqlState.PROTOCOL_VIOLATION, message);
  }

  static ErrorResponse unsupportedProtocol(int major, int minor) {
    return ErrorResponse.fatal(SqlState.FEATURE_NOT_SUPPORTED,
        "unsupported frontend protocol " + major + "." + minor + ": server supports 3.0 to 3.0");
  }

  static ErrorResponse noUser() {
    return ErrorResponse.fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
        "no PostgreSQL user name specified in startup packet");
  }

  static ErrorResponse replicationUnsupported() {
    return ErrorResponse.fatal(SqlState.FEATURE_NOT_SUPPORTED, "replication connections are not supported by the edge")
        .withHint("Connect to the origin directly for replication.");
  }

  static ErrorResponse unknownDatabase(String database) {
    return ErrorResponse.fatal(SqlState.INVALID_CATALOG_NAME, "database \"" + database + "\" does not exist");
  }

  static ErrorResponse unknownRole(String user) {
    return ErrorResponse.fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "role \"" + user + "\" does not exist");
  }

  static ErrorResponse originUnknown(String database) {
    return ErrorResponse.fatal(SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION,
        "no endpoint for database \"" + database + "\" has answered yet")
        .withHint("Check that the database's endpoints are running and reachable from this edge.");
  }

  static ErrorResponse notServedYet(String database, String endpoint) {
    return ErrorResponse.fatal(SqlState.INVALID_CATALOG_NAME,
        "database \"" + database + "\" is not served by endpoint \"" + endpoint + "\" yet")
        .withHint("A database created through placement is served once the endpoint has learned it (give the"
            + " endpoint placement: HOST:PORT in endpoint.yaml); otherwise add it under databases: there.");
  }

  /** The relay stream died: say where, and never pretend the work was replayed. */
  static ErrorResponse endpointLost(String endpoint, String cause, boolean workLost) {
    String message = "connection to endpoint \"" + endpoint + "\" was lost: " + cause;
    ErrorResponse error = ErrorResponse.fatal(SqlState.CONNECTION_FAILURE, message);
    if (workLost) {
      return error.withDetail("The transaction or query in progress was lost and was not replayed;"
          + " it may or may not have been committed at the origin.")
          .withHint("Reconnect and check the outcome before retrying.");
    }
    return error.withDetail("No transaction was in progress.").withHint("Reconnect to go on.");
  }

  static ErrorResponse adminShutdown() {
    return ErrorResponse.fatal(SqlState.ADMIN_SHUTDOWN, "terminating connection due to administrator command");
  }
}
