package dev.hyperdrive.endpoint.relay;

import dev.hyperdrive.endpoint.origin.OriginConnectException;
import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.backend.ErrorResponse;
import io.grpc.Status;
import java.time.Duration;

/**
 * How a session ends, decided in one place: the ErrorResponse the client reads last (none when the
 * origin's own FATAL has already gone out) and the status the gRPC call ends with, which tells the edge
 * whether to treat the driver's connection as broken.
 */
record SessionEnd(ErrorResponse error, Status status) {
  /** The client left, or the session's own cleanup is done: nothing more to say, the call ends OK. */
  static final SessionEnd CLEAN = new SessionEnd(null, null);

  static SessionEnd missingOpen() {
    return new SessionEnd(SessionErrors.missingOpen(), Status.INVALID_ARGUMENT.withDescription("first frame lacks open"));
  }

  static SessionEnd badFrames(ProtocolException problem) {
    return new SessionEnd(SessionErrors.badFrames(problem.getMessage()),
        Status.INVALID_ARGUMENT.withDescription(problem.getMessage()));
  }

  static SessionEnd unknownDatabase(String database, String site) {
    return new SessionEnd(SessionErrors.unknownDatabase(database, site),
        Status.NOT_FOUND.withDescription("database " + database + " is not served here"));
  }

  /** The origin refused a new connection (its own ErrorResponse) or could not be reached (ours). */
  static SessionEnd connectFailed(OriginConnectException failure) {
    return new SessionEnd(failure.error(), Status.UNAVAILABLE.withDescription(failure.getMessage()));
  }

  static SessionEnd internal(Throwable failure) {
    return new SessionEnd(SessionErrors.internal(failure), Status.INTERNAL.withCause(failure));
  }

  /** PostgreSQL rejected one of the client's startup settings: FATAL, as a direct connection gets it at login. */
  static SessionEnd alignmentFailed(ErrorResponse failure) {
    return new SessionEnd(failure, Status.FAILED_PRECONDITION.withDescription(failure.message()));
  }

  /** The checked-out connection closed under a session that still needed it. */
  static SessionEnd originLost(String database, boolean originSentFatal) {
    if (originSentFatal) {
      return new SessionEnd(null, Status.UNAVAILABLE.withDescription("the origin ended the session"));
    }
    return new SessionEnd(SessionErrors.originLost(database), Status.UNAVAILABLE.withDescription("origin connection lost"));
  }

  static SessionEnd queryTimeoutUnanswered(Duration limit) {
    return new SessionEnd(SessionErrors.queryTimeoutUnanswered(limit), Status.DEADLINE_EXCEEDED.withDescription("query_timeout"));
  }

  static SessionEnd idleInTransactionTimeout(Duration limit) {
    return new SessionEnd(SessionErrors.idleInTransactionTimeout(limit), Status.ABORTED.withDescription("idle_transaction_timeout"));
  }
}
