package dev.hyperdrive.placement;

import dev.hyperdrive.proto.probe.ConnectFailure;
import dev.hyperdrive.proto.probe.OriginSettings;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoUtils;

/**
 * Turns a probe's classified connect failure into the error an operator sees from {@code create}:
 * the gRPC status listed in placement.proto, a message that says what failed, from where, and what
 * to check, and the {@link ConnectFailure} itself in a trailer for programs.
 */
public final class OriginFailures {

  /** Trailer carrying the probe's {@link ConnectFailure}. */
  public static final Metadata.Key<ConnectFailure> FAILURE_TRAILER =
      ProtoUtils.keyForProto(ConnectFailure.getDefaultInstance());

  private OriginFailures() {}

  public static StatusRuntimeException toStatus(ConnectFailure failure, OriginSettings origin, String site) {
    Metadata trailers = new Metadata();
    trailers.put(FAILURE_TRAILER, failure);
    return status(failure).withDescription(describe(failure, origin, site)).asRuntimeException(trailers);
  }

  static Status status(ConnectFailure failure) {
    switch (failure.getKind()) {
      case BAD_HOSTNAME:
        return Status.INVALID_ARGUMENT;
      case BAD_CREDENTIALS:
        return Status.PERMISSION_DENIED;
      case UNKNOWN_DATABASE:
        return Status.NOT_FOUND;
      default:
        return Status.FAILED_PRECONDITION;
    }
  }

  static String describe(ConnectFailure failure, OriginSettings origin, String site) {
    String target = origin.getHost() + ":" + OriginDefaults.port(origin);
    String cause = cause(failure);
    switch (failure.getKind()) {
      case BAD_HOSTNAME:
        return "cannot resolve host '" + origin.getHost() + "' from site " + site + " (" + cause
            + "): check the host name in the connection string";
      case CONNECTION_REFUSED:
        return "connection to " + target + " refused from site " + site + " (" + cause
            + "): check the port, that PostgreSQL listens on that address (listen_addresses) "
            + "and that no firewall rejects the endpoint sites";
      case TIMEOUT:
        return "no answer from " + target + " in time from site " + site + " (" + cause
            + "): check that the host is reachable from the endpoint sites (firewalls, security groups)";
      case TLS_REQUIRED:
        return "the origin at " + target + " refuses unencrypted connections (" + cause
            + "): add sslmode=require (or verify-full with sslrootcert) to the connection string";
      case TLS_FAILED:
        return "TLS with " + target + " failed from site " + site + " (" + cause
            + "): check sslmode, that the server has ssl = on, and that sslrootcert is the CA "
            + "that signed the server's certificate";
      case BAD_CREDENTIALS:
        return "the origin rejected user '" + origin.getUser() + "' (" + cause
            + "): check the user and password in the connection string";
      case UNKNOWN_DATABASE:
        return "database '" + origin.getDatabase() + "' does not exist on the origin at " + target + " ("
            + cause + "): check the database name at the end of the connection string";
      default:
        return "connecting to " + target + " from site " + site + " failed (" + cause + ")";
    }
  }

  /** The origin's or the OS's own words, with the SQLSTATE when there is one. */
  static String cause(ConnectFailure failure) {
    String message = failure.getMessage().isEmpty() ? failure.getKind().name() : failure.getMessage();
    return failure.getSqlstate().isEmpty() ? message : "SQLSTATE " + failure.getSqlstate() + ": " + message;
  }
}
