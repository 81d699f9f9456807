package dev.hyperdrive.endpoint.probe;

import dev.hyperdrive.proto.probe.ConnectAttempt;
import dev.hyperdrive.proto.probe.ConnectFailure;

/**
 * The outcome of one probe set-up: the attempt as probe.proto reports it, and the origin's
 * {@code server_version} when the set-up got that far (else empty).
 */
record SetUpResult(ConnectAttempt attempt, String serverVersion) {

  static SetUpResult succeeded(long setupMicros, String serverVersion) {
    return new SetUpResult(ConnectAttempt.newBuilder().setSetupMicros(setupMicros).build(), serverVersion);
  }

  static SetUpResult failed(ConnectFailure failure) {
    return new SetUpResult(ConnectAttempt.newBuilder().setFailure(failure).build(), "");
  }

  boolean isSuccess() {
    return !attempt.hasFailure();
  }
}
