package dev.hyperdrive.edge.session;

import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.backend.ErrorResponse;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sorts a failure on a driver's connection into one the driver is told about, or one it is not. */
final class ConnectionFaults {
  private static final Logger log = LoggerFactory.getLogger(ClientSession.class);

  private ConnectionFaults() {}

  /** The error to send before closing, or empty if the connection is just closed (after logging why). */
  static Optional<ErrorResponse> refusalFor(String sessionId, Throwable cause) {
    if (cause instanceof ProtocolException) {
      return Optional.of(SessionErrors.protocolViolation(cause.getMessage()));
    }
    if (cause instanceof IOException || cause instanceof DecoderException) {
      // A reset connection, or a TLS handshake that failed (e.g. plaintext after 'S'): nothing to tell the driver.
      log.debug("session {}: connection error: {}", sessionId, cause.toString());
    } else {
      log.warn("session {}: unexpected error, closing", sessionId, cause);
    }
    return Optional.empty();
  }
}
