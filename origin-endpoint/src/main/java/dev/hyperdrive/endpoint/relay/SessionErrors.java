package dev.hyperdrive.endpoint.relay;

import dev.hyperdrive.wire.SqlState;
import dev.hyperdrive.wire.backend.ErrorResponse;

/** The ErrorResponses a relay session composes itself (origin errors are forwarded untouched). */
final class SessionErrors {
  private SessionErrors() {}

  static ErrorResponse unknownDatabase(String database, String site) {
    return ErrorResponse.fatal(SqlState.INVALID_CATALOG_NAME,
        "database \"" + database + "\" is not served by endpoint site " + site)
        .withHint("Add it under databases: in this site's endpoint.yaml, or route it to an endpoint that has it.");
  }

  static ErrorResponse missingOpen() {
    return ErrorResponse.fatal(SqlState.PROTOCOL_VIOLATION,
        "the first frame of a relay stream must carry SessionOpen");
  }

  static ErrorResponse badFrames(String problem) {
    return ErrorResponse.fatal(SqlState.PROTOCOL_VIOLATION, "relayed bytes are not valid PostgreSQL protocol: " + problem);
  }

  /**
   * FATAL, not ERROR: the origin backend and whatever transaction it held are gone, and the outcome of
   * an in-flight statement is unknown (it may have committed). Carrying on as if only the statement
   * failed would let later statements run outside the transaction the client believes it is in.
   */
  static ErrorResponse originLost(String database) {
    return ErrorResponse.fatal(SqlState.CONNECTION_FAILURE,
        "lost the connection to the origin of database \"" + database
            + "\"; the open transaction, if any, was rolled back, and the last statement may or may not have completed")
        .withHint("Reconnect and retry the transaction.");
  }

  static ErrorResponse internal(Throwable cause) {
    return ErrorResponse.fatal(SqlState.INTERNAL_ERROR, "endpoint internal error: " + cause);
  }

  /** A cancel that arrived before the batch reached the origin (waiting for a connection, or its settings). */
  static ErrorResponse canceledBeforeStart() {
    return ErrorResponse.error(SqlState.QUERY_CANCELED, "canceling statement due to user request")
        .withDetail("The statement had not started: it was waiting for an origin connection.");
  }
}
