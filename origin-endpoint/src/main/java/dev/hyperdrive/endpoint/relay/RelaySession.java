package dev.hyperdrive.endpoint.relay;

import dev.hyperdrive.endpoint.origin.OriginConnectException;
import dev.hyperdrive.endpoint.origin.OriginConnection;
import dev.hyperdrive.endpoint.pool.Checkout;
import dev.hyperdrive.endpoint.pool.OriginPool;
import dev.hyperdrive.endpoint.pool.PoolExhaustedException;
import dev.hyperdrive.endpoint.prepared.SessionStatements;
import dev.hyperdrive.endpoint.session.SessionState;
import dev.hyperdrive.proto.relay.EdgeFrame;
import dev.hyperdrive.proto.relay.EndpointFrame;
import dev.hyperdrive.proto.relay.SessionOpen;
import dev.hyperdrive.wire.Frames;
import dev.hyperdrive.wire.MessageLimits;
import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.TransactionStatus;
import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.backend.ErrorResponse;
import dev.hyperdrive.wire.backend.ReadyForQuery;
import dev.hyperdrive.wire.frontend.Query;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client session relayed over one gRPC stream, in transaction mode (DESIGN.md §4): an origin
 * connection is checked out when a batch arrives and returned at ReadyForQuery 'I'; while the origin
 * reports 'T' or 'E' it stays pinned. An explicit state machine with one method per event; every event
 * runs on {@link #loop}, so the session needs no locks.
 *
 * <p>Backpressure: the next EdgeFrame is requested only once the previous one's bytes are written to
 * the origin and its channel is writable; the origin socket is read only while the call is ready.
 */
final class RelaySession {
  private static final Logger log = LoggerFactory.getLogger(RelaySession.class);

  enum State { OPENING, IDLE, WAITING, ALIGNING, ACTIVE, DISCARDING, ROLLING_BACK, CLOSED }

  private final EventLoop loop;
  private final OriginEvents originEvents = new OriginEvents(this);
  private final OriginPools pools;
  private final SessionRegistry registry;
  private final EdgeCall edge;
  private final FrontendFramer framer;
  private final BatchTracker tracker = new BatchTracker();
  private final List<ByteBuf> pending = new ArrayList<>();
  private State state = State.OPENING;
  private SessionOpen open;
  private SessionState sessionState;
  private SessionDeadlines deadlines;
  private boolean cancelAfterAlignment;
  private OriginPool pool;
  private SessionStatements statements;
  private CompletableFuture<Checkout> acquiring;
  private Checkout checkout;
  private boolean awaitingWritable;
  private boolean readPaused;
  private boolean originSentFatal;

  RelaySession(ServerCallStreamObserver<EndpointFrame> call, EventLoop loop, OriginPools pools,
      SessionRegistry registry, MessageLimits limits) {
    this.loop = loop;
    this.pools = pools;
    this.registry = registry;
    this.edge = new EdgeCall(call);
    this.framer = new FrontendFramer(limits);
  }

  /** Runs an event on the session's loop; after shutdown the event is dropped (everything is closing). */
  void execute(Runnable event) {
    try {
      loop.execute(event);
    } catch (RejectedExecutionException e) {
      log.debug("session {}: event dropped, endpoint shutting down", sessionId());
    }
  }

  EventLoop loop() {
    return loop;
  }

  // ---- events from the edge (gRPC) ----

  void edgeFrame(EdgeFrame frame) {
    if (state == State.CLOSED || (state == State.OPENING && !open(frame))) {
      return;
    }
    List<ByteBuf> frames;
    try {
      frames = framer.frame(frame.getFrames());
    } catch (ProtocolException e) {
      endWithError(SessionErrors.badFrames(e.getMessage()), Status.INVALID_ARGUMENT.withDescription(e.getMessage()));
      return;
    }
    batchArrived(RelayFrames.withoutTerminate(frames));
  }

  private boolean open(EdgeFrame frame) {
    if (!frame.hasOpen()) {
      endWithError(SessionErrors.missingOpen(), Status.INVALID_ARGUMENT.withDescription("first frame lacks open"));
      return false;
    }
    open = frame.getOpen();
    sessionState = new SessionState(StartupParameters.of(open));
    pool = pools.pool(open.getDatabase());
    if (pool == null) {
      endWithError(SessionErrors.unknownDatabase(open.getDatabase(), pools.site()),
          Status.NOT_FOUND.withDescription("database " + open.getDatabase() + " is not served here"));
      return false;
    }
    statements = new SessionStatements(pools.statementNames(open.getDatabase()),
        pool.settings().maxPreparedStatements());
    deadlines = new SessionDeadlines(loop, pool.settings().timeouts(), this::queryTimedOut, this::idleInTransactionTimedOut);
    if (!registry.register(open.getDatabase(), open.getSessionId(), this)) {
      log.warn("session id {} for {} is already open; this one cannot be cancelled", open.getSessionId(), open.getDatabase());
    }
    log.debug("session {} from {} opened for {}", open.getSessionId(), open.getEdgeSite(), open.getDatabase());
    state = State.IDLE;
    return true;
  }

  private void batchArrived(List<ByteBuf> frames) {
    switch (state) {
      case IDLE:
        frames = RelayFrames.withoutLeadingCopyFrames(frames);
        if (frames.isEmpty()) {
          edge.requestNext();
          return;
        }
        if (answeredWithoutOrigin(frames)) {
          return;
        }
        pending.addAll(frames);
        state = State.WAITING;
        CompletableFuture<Checkout> attempt = pool.acquire(originEvents);
        acquiring = attempt;
        attempt.whenCompleteAsync((granted, failure) -> connectionAcquired(attempt, granted, failure), loop);
        break;
      case WAITING:
      case ALIGNING:
        pending.addAll(frames);
        break;
      case ACTIVE:
        writeToOrigin(frames);
        break;
      case DISCARDING:
        discardUntilSyncPoint(frames);
        break;
      default:
        FrontendFramer.release(frames);
    }
  }

  /** Parses of statements the origin already knows need no connection (pgbench -M prepared, DESIGN.md §4). */
  private boolean answeredWithoutOrigin(List<ByteBuf> frames) {
    List<BackendMessage> answers = statements.answerWithoutOrigin(frames);
    if (answers == null) {
      return false;
    }
    sessionState.answeredWithoutOrigin(frames);
    FrontendFramer.release(frames);
    answers.forEach(edge::compose);
    edge.flush();
    edge.requestNext();
    return true;
  }

  void edgeHalfClosed() {
    edge.halfClosed();
    clientGone();
  }

  void edgeCancelled() {
    edge.cancelled();
    clientGone();
  }

  void callReady() {
    if (readPaused && checkout != null) {
      readPaused = false;
      checkout.connection().requestRead();
    }
  }

  /** The driver is gone: give back or discard what the session holds (PgDog's guard cleanup). */
  private void clientGone() {
    if (state == State.ROLLING_BACK || state == State.CLOSED) {
      return;
    }
    if (state != State.ACTIVE) {
      finish(null);
    } else if (tracker.queryInFlight()) {
      log.debug("session {} ended with a query in flight; discarding {}", sessionId(), checkout);
      finish(null);
    } else {
      log.debug("session {} ended inside a transaction; rolling back on {}", sessionId(), checkout);
      state = State.ROLLING_BACK;
      writeToOrigin(List.of(RelayFrames.encode(new Query("ROLLBACK"))));
      checkout.connection().requestRead();
    }
  }

  // ---- events from the pool ----

  private void connectionAcquired(CompletableFuture<Checkout> attempt, Checkout granted, Throwable failure) {
    if (attempt != acquiring || state != State.WAITING) {
      if (granted != null) {
        granted.close();
      }
      return;
    }
    acquiring = null;
    if (failure != null) {
      acquireFailed(failure instanceof CompletionException ? failure.getCause() : failure);
      return;
    }
    if (!granted.connection().isOpen()) {
      // It died between grant and now, before anything was sent: nothing is lost, ask again.
      granted.discard();
      List<ByteBuf> batch = new ArrayList<>(pending);
      pending.clear();
      state = State.IDLE;
      batchArrived(batch);
      return;
    }
    checkout = granted;
    tracker.reset();
    statements.checkoutStarted();
    ByteBuf alignment = sessionState.checkedOut(granted.connection());
    if (alignment == null) {
      sendPending();
    } else {
      state = State.ALIGNING; // the client's settings go in first; alignmentAnswers() sends its batch
      checkout.markBusy();
      OriginConnection connection = granted.connection();
      connection.write(List.of(alignment)).addListener(done -> {
        if (done.cause() != null) {
          execute(() -> originClosed(connection, done.cause()));
        }
      });
    }
    checkout.connection().requestRead();
  }

  private void sendPending() {
    List<ByteBuf> batch = new ArrayList<>(pending);
    pending.clear();
    state = State.ACTIVE;
    writeToOrigin(batch);
  }

  /** The answers to the settings alignment: swallowed, but for ParameterStatus the client has not seen. */
  private void alignmentAnswers(OriginConnection connection, List<ByteBuf> frames) {
    List<ByteBuf> toClient = new ArrayList<>();
    boolean done = false;
    for (ByteBuf frame : frames) {
      if (done) {
        frame.release(); // nothing of ours is in flight after the alignment's ReadyForQuery
      } else {
        done = sessionState.alignmentAnswer(frame, toClient);
      }
    }
    toClient.forEach(edge::forward);
    edge.flush();
    if (!done) {
      connection.requestRead();
      return;
    }
    checkout.markIdle();
    ErrorResponse failure = sessionState.alignmentFailure();
    if (failure != null) {
      endWithError(failure, Status.FAILED_PRECONDITION.withDescription(failure.message()));
    } else if (cancelAfterAlignment) {
      cancelAfterAlignment = false;
      release();
      abandonPending(SessionErrors.canceledBeforeStart());
    } else {
      sendPending();
      connection.requestRead();
    }
  }

  private void acquireFailed(Throwable failure) {
    if (failure instanceof PoolExhaustedException) {
      abandonPending(((PoolExhaustedException) failure).error());
    } else if (failure instanceof OriginConnectException) {
      endWithError(((OriginConnectException) failure).error(), Status.UNAVAILABLE.withDescription(failure.getMessage()));
    } else if (!(failure instanceof CancellationException)) {
      log.warn("session {}: cannot get an origin connection", sessionId(), failure);
      endWithError(SessionErrors.internal(failure), Status.INTERNAL.withCause(failure));
    }
  }

  /** An ERROR instead of the waiting batch, then the protocol's skip-until-Sync: the session stays usable. */
  private void abandonPending(ErrorResponse error) {
    edge.compose(error);
    state = State.DISCARDING;
    List<ByteBuf> batch = new ArrayList<>(pending);
    pending.clear();
    discardUntilSyncPoint(batch);
  }

  private void discardUntilSyncPoint(List<ByteBuf> frames) {
    int next = 0;
    boolean found = false;
    while (next < frames.size() && !found) {
      ByteBuf frame = frames.get(next++);
      found = BatchTracker.isSyncPoint(frame);
      frame.release();
    }
    if (!found) {
      edge.flush();
      edge.requestNext();
      return;
    }
    edge.compose(ReadyForQuery.IDLE);
    edge.flush();
    state = State.IDLE;
    batchArrived(new ArrayList<>(frames.subList(next, frames.size())));
  }

  // ---- events from the origin connection ----

  void backendFrames(OriginConnection connection, List<ByteBuf> frames) {
    if (!holds(connection)) {
      FrontendFramer.release(frames);
      return;
    }
    if (state == State.ALIGNING) {
      alignmentAnswers(connection, frames);
      return;
    }
    boolean sawReadyForQuery = false;
    for (ByteBuf frame : frames) {
      byte tag = Frames.tag(frame);
      if (tag == ReadyForQuery.TAG) {
        sawReadyForQuery = true;
        tracker.readyForQuery(RelayFrames.readyForQueryStatus(frame));
      } else if (tag == 'G') { // CopyInResponse
        tracker.copyInStarted();
      } else if (tag == ErrorResponse.TAG) {
        tracker.errorReceived();
        originSentFatal |= RelayFrames.isFatal(frame);
      }
      ByteBuf toDriver = statements.judge(frame).applyTo(frame);
      if (toDriver == null) {
        continue; // the answer to a message the relay injected
      }
      toDriver = deadlines.explain(toDriver);
      sessionState.received(toDriver); // session state follows what the client sees
      if (state == State.ROLLING_BACK) {
        toDriver.release(); // the ROLLBACK's answers are ours, not the client's
      } else {
        edge.forward(toDriver);
      }
    }
    edge.flush();
    deadlines.answered(sawReadyForQuery, tracker.queryInFlight(), tracker.status() != TransactionStatus.IDLE);
    if (tracker.connectionReleasable()) {
      boolean clientGone = state == State.ROLLING_BACK;
      release();
      if (clientGone) {
        finish(null);
      }
    } else if (state == State.ROLLING_BACK && !tracker.queryInFlight()) {
      finish(null); // still not idle after ROLLBACK: finish() discards the connection
    } else if (state == State.ROLLING_BACK || edge.isReady()) {
      connection.requestRead();
    } else {
      readPaused = true; // callReady() resumes reading
    }
  }

  /** ReadyForQuery 'I' with nothing owed: the connection goes back to the pool, clean. */
  private void release() {
    sessionState.released();
    checkout.markIdle();
    checkout.close();
    checkout = null;
    if (awaitingWritable) {
      edge.requestNext(); // originWritable() would never come for a connection we no longer hold
    }
    awaitingWritable = false;
    readPaused = false;
    state = State.IDLE;
  }

  private void writeToOrigin(List<ByteBuf> frames) {
    if (frames.isEmpty()) {
      edge.requestNext();
      return;
    }
    frames = sessionState.sending(frames);
    OriginConnection connection = checkout.connection();
    List<ByteBuf> toOrigin = statements.toOrigin(frames, connection);
    tracker.sent(toOrigin);
    deadlines.sent(tracker.queryInFlight());
    checkout.markBusy();
    connection.write(toOrigin).addListener(done -> execute(() -> originWritten(connection, done.cause())));
  }

  private void originWritten(OriginConnection connection, Throwable failure) {
    if (state == State.CLOSED) {
      return;
    }
    if (!holds(connection)) {
      // The origin answered and the connection went back to the pool before this event ran: the write
      // is done all the same, and the driver's next batch is due.
      edge.requestNext();
      return;
    }
    if (failure != null) {
      originClosed(connection, failure);
    } else if (connection.isWritable()) {
      edge.requestNext();
    } else {
      awaitingWritable = true; // originWritable() requests the next EdgeFrame
    }
  }

  void originWritable(OriginConnection connection) {
    if (awaitingWritable && holds(connection) && connection.isWritable()) {
      awaitingWritable = false;
      edge.requestNext();
    }
  }

  void originClosed(OriginConnection connection, Throwable cause) {
    if (!holds(connection)) {
      return;
    }
    log.debug("session {}: {} lost: {}", sessionId(), connection, cause == null ? "closed by the origin" : cause.toString());
    checkout.discard();
    checkout = null;
    sessionState.released();
    if (state == State.ROLLING_BACK) {
      finish(null);
    } else if (originSentFatal) {
      finish(Status.UNAVAILABLE.withDescription("the origin ended the session"));
    } else {
      endWithError(SessionErrors.originLost(open.getDatabase()), Status.UNAVAILABLE.withDescription("origin connection lost"));
    }
  }

  // ---- deadlines ----

  private void queryTimedOut() {
    if (state != State.ACTIVE || !tracker.queryInFlight()) {
      return;
    }
    if (deadlines.cancelFirst()) {
      log.debug("session {}: query_timeout passed; cancelling on {}", sessionId(), checkout);
      QueryCanceller.cancel(pool.connector(), checkout.connection(), new CompletableFuture<>());
    } else {
      log.debug("session {}: the origin ignored the query_timeout cancel; dropping {}", sessionId(), checkout);
      endWithError(SessionErrors.queryTimeoutUnanswered(deadlines.queryLimit()),
          Status.DEADLINE_EXCEEDED.withDescription("query_timeout"));
    }
  }

  /** Cut off like PostgreSQL's idle_in_transaction_session_timeout; the connection is rolled back and reused. */
  private void idleInTransactionTimedOut() {
    if (state != State.ACTIVE || tracker.queryInFlight() || tracker.status() == TransactionStatus.IDLE) {
      return;
    }
    log.debug("session {}: idle_transaction_timeout passed; rolling back {}", sessionId(), checkout);
    edge.compose(SessionErrors.idleInTransactionTimeout(deadlines.idleTransactionLimit()));
    edge.end(Status.ABORTED.withDescription("idle_transaction_timeout"));
    clientGone();
  }

  // ---- Cancel RPC ----

  /** Sends a CancelRequest to the origin backend running this session's query; true if one was sent. */
  CompletableFuture<Boolean> cancelQuery() {
    CompletableFuture<Boolean> delivered = new CompletableFuture<>();
    execute(() -> {
      if (state == State.ACTIVE && tracker.queryInFlight()) {
        QueryCanceller.cancel(pool.connector(), checkout.connection(), delivered);
      } else if (state == State.WAITING) {
        // Nothing reached the origin yet: give up the wait and answer as a cancelled statement.
        acquiring.cancel(false);
        acquiring = null;
        abandonPending(SessionErrors.canceledBeforeStart());
        delivered.complete(true);
      } else if (state == State.ALIGNING) {
        cancelAfterAlignment = true;
        delivered.complete(true);
      } else {
        delivered.complete(false);
      }
    });
    return delivered;
  }

  // ---- ending ----

  private boolean holds(OriginConnection connection) {
    return checkout != null && checkout.connection() == connection && state != State.CLOSED;
  }

  private void endWithError(ErrorResponse error, Status status) {
    edge.compose(error);
    finish(status);
  }

  /** Ends the session: releases everything it holds and ends the call (OK when {@code errorStatus} is null). */
  private void finish(Status errorStatus) {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    if (deadlines != null) {
      deadlines.stop();
    }
    if (acquiring != null) {
      acquiring.cancel(false);
      acquiring = null;
    }
    FrontendFramer.release(pending);
    pending.clear();
    if (checkout != null) {
      checkout.close(); // returns it only if clean, else discards it
      checkout = null;
    }
    framer.close();
    if (open != null) {
      registry.unregister(open.getDatabase(), open.getSessionId(), this);
    }
    edge.end(errorStatus);
    log.debug("session {} closed{}", sessionId(), errorStatus == null ? "" : ": " + errorStatus);
  }

  private String sessionId() {
    return open == null ? "(unopened)" : open.getSessionId();
  }
}
