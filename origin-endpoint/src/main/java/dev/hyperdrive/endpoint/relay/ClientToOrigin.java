package dev.hyperdrive.endpoint.relay;

import com.google.protobuf.ByteString;
import dev.hyperdrive.endpoint.origin.OriginConnection;
import dev.hyperdrive.wire.MessageLimits;
import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.backend.BackendMessage;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The client-to-origin path of one session: the edge's bytes cut into frames, the session-state and
 * prepared-statement hooks applied on the way out, the batch tracker and deadlines told what was sent,
 * and inbound flow control — the next EdgeFrame is requested only once the last one's bytes are written
 * and the origin channel is writable again. Used only on the session's loop.
 */
final class ClientToOrigin implements AutoCloseable {
  private final FrontendFramer framer;
  private final SessionParts parts;
  private final SessionCheckout checkout;
  private final BiConsumer<OriginConnection, Throwable> written;
  private boolean awaitingWritable;

  /** @param written hears of each completed write (null on success), on whatever thread completed it */
  ClientToOrigin(MessageLimits limits, SessionParts parts, SessionCheckout checkout,
      BiConsumer<OriginConnection, Throwable> written) {
    this.framer = new FrontendFramer(limits);
    this.parts = parts;
    this.checkout = checkout;
    this.written = written;
  }

  /** The whole frames these relayed bytes complete, without Terminate; the caller owns them. */
  List<ByteBuf> frame(ByteString bytes) throws ProtocolException {
    return RelayFrames.withoutTerminate(framer.frame(bytes));
  }

  /**
   * The frames of a new batch that need a connection; null when none do (the next EdgeFrame is
   * requested). Copy frames left over from a failed COPY are dropped ({@link RelayFrames#withoutLeadingCopyFrames}),
   * and a batch the prepared-statement hook can answer is answered here.
   */
  List<ByteBuf> needingConnection(List<ByteBuf> frames) {
    frames = RelayFrames.withoutLeadingCopyFrames(frames);
    if (frames.isEmpty()) {
      parts.edge().requestNext();
      return null;
    }
    return answeredWithoutOrigin(frames) ? null : frames;
  }

  /** Parses of statements the origin already knows need no connection (pgbench -M prepared, DESIGN.md §4). */
  private boolean answeredWithoutOrigin(List<ByteBuf> frames) {
    List<BackendMessage> answers = parts.statements().answerWithoutOrigin(frames);
    if (answers == null) {
      return false;
    }
    parts.settings().answeredWithoutOrigin(frames);
    FrontendFramer.release(frames);
    EdgeCall edge = parts.edge();
    answers.forEach(edge::compose);
    edge.flush();
    edge.requestNext();
    return true;
  }

  /** Sends client frames (or the session's own) on the held connection, rewritten by the hooks. */
  void write(List<ByteBuf> frames) {
    if (frames.isEmpty()) {
      parts.edge().requestNext();
      return;
    }
    frames = parts.settings().sending(frames);
    OriginConnection connection = checkout.connection();
    List<ByteBuf> toOrigin = parts.statements().toOrigin(frames, connection);
    BatchTracker tracker = parts.tracker();
    tracker.sent(toOrigin);
    parts.deadlines().sent(tracker.queryInFlight());
    checkout.markBusy();
    connection.write(toOrigin).addListener(done -> written.accept(connection, done.cause()));
  }

  /** A write to the held connection succeeded: the next EdgeFrame is due once the channel can take it. */
  void writeDone(OriginConnection connection) {
    if (connection.isWritable()) {
      parts.edge().requestNext();
    } else {
      awaitingWritable = true; // writable() requests the next EdgeFrame
    }
  }

  /** The held connection's channel changed writability. */
  void writable(OriginConnection connection) {
    if (awaitingWritable && connection.isWritable()) {
      awaitingWritable = false;
      parts.edge().requestNext();
    }
  }

  /** The connection went back to the pool; writable() would never come for it. */
  void connectionReleased() {
    if (awaitingWritable) {
      parts.edge().requestNext();
    }
    awaitingWritable = false;
  }

  @Override
  public void close() {
    framer.close();
  }
}
