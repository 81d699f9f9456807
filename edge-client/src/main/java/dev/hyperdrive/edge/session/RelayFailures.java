package dev.hyperdrive.edge.session;

import io.grpc.Status;

/** Says, in words a driver's user can act on, why a session's relay stream failed. */
final class RelayFailures {
  private RelayFailures() {}

  static String describe(Status status) {
    switch (status.getCode()) {
      case UNAVAILABLE:
        return "the endpoint is unreachable or went away (" + status.getCode() + ": " + status.getDescription() + ")";
      case DEADLINE_EXCEEDED:
        return "the endpoint did not answer in time";
      default:
        return "the relay stream failed (" + status.getCode()
            + (status.getDescription() == null ? "" : ": " + status.getDescription()) + ")";
    }
  }
}
