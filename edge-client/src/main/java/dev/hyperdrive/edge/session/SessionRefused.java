package dev.hyperdrive.edge.session;

import dev.hyperdrive.wire.backend.ErrorResponse;

/** A session cannot go on: the error to send the driver before closing its connection. */
final class SessionRefused extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient ErrorResponse error;

  SessionRefused(ErrorResponse error) {
    super(error.fields().message(), null, false, false);
    this.error = error;
  }

  ErrorResponse error() {
    return error;
  }
}
