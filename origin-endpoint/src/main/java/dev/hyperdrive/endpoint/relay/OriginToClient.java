package dev.hyperdrive.endpoint.relay;

import dev.hyperdrive.endpoint.origin.OriginConnection;
import dev.hyperdrive.wire.Frames;
import dev.hyperdrive.wire.TransactionStatus;
import dev.hyperdrive.wire.backend.ErrorResponse;
import dev.hyperdrive.wire.backend.ReadyForQuery;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * The origin-to-client path of one session: each read's frames are tracked (what the origin still owes),
 * judged by the prepared-statement hook (answers to frames the relay injected are swallowed or
 * rewritten), seen by the session-state hook, and forwarded as one chunked EndpointFrame. Outbound flow
 * control: the origin is read again only while the call is ready. Used only on the session's loop.
 */
final class OriginToClient {
  private static final byte COPY_IN_RESPONSE = 'G';

  private final SessionParts parts;
  private boolean readPaused;
  private boolean originSentFatal;

  OriginToClient(SessionParts parts) {
    this.parts = parts;
  }

  /**
   * Answers to the settings alignment: swallowed, but for ParameterStatus the client has not seen.
   * True once its ReadyForQuery came.
   */
  boolean alignmentAnswers(List<ByteBuf> frames) {
    List<ByteBuf> toClient = new ArrayList<>();
    boolean done = false;
    for (ByteBuf frame : frames) {
      if (done) {
        frame.release(); // nothing of ours is in flight after the alignment's ReadyForQuery
      } else {
        done = parts.settings().alignmentAnswer(frame, toClient);
      }
    }
    EdgeCall edge = parts.edge();
    toClient.forEach(edge::forward);
    edge.flush();
    return done;
  }

  /**
   * One read of answers to what the session sent. With {@code swallow} (the session's own ROLLBACK after
   * the client left) they are tracked but not forwarded.
   */
  void relay(List<ByteBuf> frames, boolean swallow) {
    SessionDeadlines deadlines = parts.deadlines();
    boolean sawReadyForQuery = false;
    for (ByteBuf frame : frames) {
      sawReadyForQuery |= track(frame);
      ByteBuf toDriver = parts.statements().judge(frame).applyTo(frame);
      if (toDriver == null) {
        continue; // the answer to a message the relay injected
      }
      toDriver = deadlines.explain(toDriver);
      parts.settings().received(toDriver); // session state follows what the client sees
      if (swallow) {
        toDriver.release();
      } else {
        parts.edge().forward(toDriver);
      }
    }
    parts.edge().flush();
    BatchTracker tracker = parts.tracker();
    deadlines.answered(sawReadyForQuery, tracker.queryInFlight(), tracker.status() != TransactionStatus.IDLE);
  }

  /** Tells the tracker what an origin frame means for what is owed; true for ReadyForQuery. */
  private boolean track(ByteBuf frame) {
    BatchTracker tracker = parts.tracker();
    byte tag = Frames.tag(frame);
    if (tag == ReadyForQuery.TAG) {
      tracker.readyForQuery(RelayFrames.readyForQueryStatus(frame));
      return true;
    }
    if (tag == COPY_IN_RESPONSE) {
      tracker.copyInStarted();
    } else if (tag == ErrorResponse.TAG) {
      tracker.errorReceived();
      originSentFatal |= RelayFrames.isFatal(frame);
    }
    return false;
  }

  /** Whether the origin sent a FATAL: it closes the connection itself, and the client has its reason. */
  boolean originSentFatal() {
    return originSentFatal;
  }

  /** Reads the next answers now if the call can take them, else when it is ready ({@link #callReady}). */
  void readOn(OriginConnection connection) {
    if (parts.edge().isReady()) {
      connection.requestRead();
    } else {
      readPaused = true;
    }
  }

  /** The call can take more: resumes a paused read of the held connection. */
  void callReady(OriginConnection connection) {
    if (readPaused) {
      readPaused = false;
      connection.requestRead();
    }
  }

  /** The connection went back to the pool: no read of it is pending. */
  void connectionReleased() {
    readPaused = false;
  }
}
