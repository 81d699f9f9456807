package dev.hyperdrive.endpoint.session;

import dev.hyperdrive.wire.Frames;
import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.SqlState;
import dev.hyperdrive.wire.backend.BackendDecoder;
import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.backend.ErrorResponse;
import dev.hyperdrive.wire.backend.ParameterStatus;
import dev.hyperdrive.wire.backend.ReadyForQuery;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * The answers to one alignment Query, which the client never asked for: all are swallowed except a
 * ParameterStatus that tells the client a value it has not seen. The Query runs as one implicit
 * transaction, so if any of it fails none of it holds.
 */
final class AlignmentStep {
  private final ReportedParameters reported;
  private ErrorResponse error;

  AlignmentStep(ReportedParameters reported) {
    this.reported = reported;
  }

  /** Takes ownership of {@code frame}; returns true once the alignment's ReadyForQuery has arrived. */
  boolean answer(ByteBuf frame, List<ByteBuf> toClient) {
    byte tag = Frames.tag(frame);
    if (tag == ReadyForQuery.TAG) {
      frame.release();
      return true;
    }
    if (tag == ParameterStatus.TAG || tag == ErrorResponse.TAG) {
      BackendMessage message = decode(frame);
      if (message instanceof ParameterStatus && reported.isNews((ParameterStatus) message)) {
        toClient.add(frame);
        return false;
      }
      if (message instanceof ErrorResponse && error == null) {
        error = (ErrorResponse) message;
      }
    }
    frame.release();
    return false;
  }

  /**
   * Null when the settings are in place; else the error for the client. FATAL, as PostgreSQL answers a
   * startup packet with an invalid setting: the session cannot have the settings it asked for.
   */
  ErrorResponse failure() {
    if (error == null) {
      return null;
    }
    String state = error.sqlState() == null ? SqlState.INTERNAL_ERROR : error.sqlState();
    return ErrorResponse.fatal(state, error.message() + " (while applying this session's settings on an origin connection)");
  }

  private static BackendMessage decode(ByteBuf frame) {
    try {
      return BackendDecoder.decode(frame.duplicate());
    } catch (ProtocolException e) {
      return null;
    }
  }
}
