package dev.hyperdrive.endpoint.relay;

import dev.hyperdrive.wire.SqlState;
import dev.hyperdrive.wire.backend.ErrorResponse;
import java.time.Duration;

/** The ErrorResponses a relay session composes itself (origin errors are forwarded untouched). */
final class SessionErrors {
  private SessionErrors() {}

  static ErrorResponse unknownDatabase(String database, String site) {
    return ErrorResponse.fatal(SqlState.INVALID_CATALOG_NAME,
        "database \"" + database + "\" is not served by endpoint site " + site)
        .withHint("Add it under databases: in this site's endpoint.yaml, give the site placement: HOST:PORT to serve"
            + " databases created through placement, or route it to an endpoint that has it.");
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

  static ErrorResponse queryTimeout(Duration limit) {
    return ErrorResponse.error(SqlState.QUERY_CANCELED,
        "canceling statement due to query_timeout (" + limit.toMillis() + " ms) of the Hyperdrive endpoint")
        .withHint("Make the query faster, or raise query_timeout in the endpoint's configuration.");
  }

  /** FATAL: the origin did not act on our cancel either, so the connection and its transaction are given up. */
  static ErrorResponse queryTimeoutUnanswered(Duration limit) {
    return ErrorResponse.fatal(SqlState.QUERY_CANCELED,
        "terminating connection: the query exceeded query_timeout (" + limit.toMillis()
            + " ms) and the origin did not answer the cancel; the open transaction, if any, was rolled back")
        .withHint("Reconnect and retry; check the origin's health.");
  }

  /** As PostgreSQL's own idle_in_transaction_session_timeout, FATAL 25P03. */
  static ErrorResponse idleInTransactionTimeout(Duration limit) {
    return ErrorResponse.fatal(SqlState.IDLE_IN_TRANSACTION_SESSION_TIMEOUT,
        "terminating connection due to idle-in-transaction timeout (idle_transaction_timeout of the Hyperdrive endpoint: "
            + limit.toMillis() + " ms); the transaction was rolled back")
        .withHint("Commit or roll back promptly: an open transaction holds one of the few origin connections.");
  }
}
