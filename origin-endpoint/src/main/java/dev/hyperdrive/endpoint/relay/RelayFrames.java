package dev.hyperdrive.endpoint.relay;

import dev.hyperdrive.wire.Frames;
import dev.hyperdrive.wire.PgMessage;
import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.TransactionStatus;
import dev.hyperdrive.wire.backend.BackendDecoder;
import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.backend.ErrorResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/** The few looks the relay takes into frames it otherwise forwards untouched. */
final class RelayFrames {
  private static final byte TERMINATE = 'X';

  private RelayFrames() {}

  static ByteBuf encode(PgMessage message) {
    ByteBuf buffer = Unpooled.buffer();
    message.encode(buffer);
    return buffer;
  }

  /**
   * Drops Terminate: the edge owns the driver's connection, and the origin connection belongs to the
   * pool; a forwarded Terminate would close a pooled backend.
   */
  static List<ByteBuf> withoutTerminate(List<ByteBuf> frames) {
    List<ByteBuf> kept = new ArrayList<>(frames.size());
    for (ByteBuf frame : frames) {
      if (Frames.tag(frame) == TERMINATE) {
        frame.release();
      } else {
        kept.add(frame);
      }
    }
    return kept;
  }

  /**
   * Drops copy frames that arrive when no COPY can be running (no connection is held): after a COPY
   * failed, drivers still send the rest of their data, which PostgreSQL would ignore anyway. Checking
   * out a connection for them would hold it with nothing to answer.
   */
  static List<ByteBuf> withoutLeadingCopyFrames(List<ByteBuf> frames) {
    int first = 0;
    while (first < frames.size() && BatchTracker.isCopyFrame(frames.get(first))) {
      frames.get(first++).release();
    }
    return first == 0 ? frames : new ArrayList<>(frames.subList(first, frames.size()));
  }

  /** The status byte of a ReadyForQuery frame (tag, Int32 length 5, status). */
  static TransactionStatus readyForQueryStatus(ByteBuf frame) {
    try {
      return TransactionStatus.fromCode(frame.getByte(frame.readerIndex() + 5));
    } catch (ProtocolException e) {
      // PgFrameDecoder has already checked the length; an unknown status means a broken origin.
      return TransactionStatus.FAILED;
    }
  }

  /** Whether an ErrorResponse frame is FATAL or PANIC: the origin is about to close the connection. */
  static boolean isFatal(ByteBuf frame) {
    try {
      BackendMessage message = BackendDecoder.decode(frame.duplicate());
      return message instanceof ErrorResponse && ((ErrorResponse) message).isFatal();
    } catch (ProtocolException e) {
      return false;
    }
  }
}
