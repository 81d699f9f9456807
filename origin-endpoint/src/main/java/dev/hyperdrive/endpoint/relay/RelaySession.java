package dev.hyperdrive.endpoint.relay;

import dev.hyperdrive.endpoint.cache.EndpointResultCache;
import dev.hyperdrive.endpoint.origin.OriginConnectException;
import dev.hyperdrive.endpoint.origin.OriginConnection;
import dev.hyperdrive.endpoint.pool.Checkout;
import dev.hyperdrive.endpoint.pool.OriginPool;
import dev.hyperdrive.endpoint.pool.PoolExhaustedException;
import dev.hyperdrive.proto.relay.EdgeFrame;
import dev.hyperdrive.proto.relay.EndpointFrame;
import dev.hyperdrive.proto.relay.SessionOpen;
import dev.hyperdrive.wire.MessageLimits;
import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.TransactionStatus;
import dev.hyperdrive.wire.backend.ErrorResponse;
import dev.hyperdrive.wire.frontend.Query;
import io.grpc.stub.ServerCallStreamObserver;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client session relayed over one gRPC stream, in transaction mode (DESIGN.md §4): an origin
 * connection is checked out when a batch arrives and returned at ReadyForQuery 'I'; while the origin
 * reports 'T' or 'E' it stays pinned. An explicit state machine with one method per event; every event
 * runs on {@link #loop}, so the session needs no locks. The work each event sets off is done by
 * {@link SessionCheckout} (the connection's lifecycle), {@link ClientToOrigin} and {@link OriginToClient}
 * (the two directions, each with its flow control); how a session ends is a {@link SessionEnd}.
 */
final class RelaySession {
  private static final Logger log = LoggerFactory.getLogger(RelaySession.class);

  enum State { OPENING, IDLE, WAITING, ALIGNING, ACTIVE, DISCARDING, ROLLING_BACK, CLOSED }

  private final EventLoop loop;
  private final OriginEvents originEvents = new OriginEvents(this);
  private final OriginPools pools;
  private final SessionRegistry registry;
  private final MessageLimits limits;
  private final EdgeCall edge;
  private final BatchTracker tracker = new BatchTracker();
  private final PendingBatch pending;
  private final SessionCache cache;
  private State state = State.OPENING;
  private SessionOpen open;
  private SessionDeadlines deadlines;
  private SessionCheckout checkout;
  private ClientToOrigin toOrigin;
  private OriginToClient toClient;
  private boolean cancelAfterAlignment;

  RelaySession(ServerCallStreamObserver<EndpointFrame> call, EventLoop loop, OriginPools pools,
      SessionRegistry registry, MessageLimits limits, EndpointResultCache cacheTier) {
    this.loop = loop;
    this.pools = pools;
    this.registry = registry;
    this.limits = limits;
    this.edge = new EdgeCall(call);
    this.pending = new PendingBatch(edge);
    this.cache = new SessionCache(cacheTier, edge, loop);
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
      frames = toOrigin.frame(frame.getFrames());
    } catch (ProtocolException e) {
      end(SessionEnd.badFrames(e));
      return;
    }
    if (frame.hasCacheLookup()
        && cache.answer(frame.getCacheLookup(), frames, idleOutsideTransaction(), this::relayAfterFlight)
            != SessionCache.Outcome.RELAY) {
      return;
    }
    batchArrived(frames);
  }

  /** An identical request's answer could not be shared: this one goes to the origin after all. */
  private void relayAfterFlight(List<ByteBuf> frames) {
    if (state == State.CLOSED) {
      FrontendFramer.release(frames);
    } else {
      batchArrived(frames);
    }
  }

  /** No origin connection held, nothing waiting, and the last ReadyForQuery said 'I'. */
  private boolean idleOutsideTransaction() {
    return state == State.IDLE && tracker.status() == TransactionStatus.IDLE && !tracker.queryInFlight();
  }

  private boolean open(EdgeFrame frame) {
    if (!frame.hasOpen()) {
      end(SessionEnd.missingOpen());
      return false;
    }
    open = frame.getOpen();
    OriginPool pool = pools.pool(open.getDatabase());
    if (pool == null) {
      end(SessionEnd.unknownDatabase(open.getDatabase(), pools.site()));
      return false;
    }
    deadlines = new SessionDeadlines(loop, pool.settings().timeouts(), this::queryTimedOut, this::idleInTransactionTimedOut);
    SessionParts parts = SessionParts.open(open, pools, pool, edge, tracker, deadlines);
    checkout = new SessionCheckout(pool, originEvents, parts);
    toOrigin = new ClientToOrigin(limits, parts, checkout,
        (connection, failure) -> execute(() -> originWritten(connection, failure)));
    toClient = new OriginToClient(parts);
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
        frames = toOrigin.needingConnection(frames);
        if (frames == null) {
          return;
        }
        pending.add(frames);
        state = State.WAITING;
        checkout.acquire(loop, this::connectionAcquired);
        break;
      case WAITING:
      case ALIGNING:
        pending.add(frames);
        break;
      case ACTIVE:
        toOrigin.write(frames);
        break;
      case DISCARDING:
        skipped(pending.skipToSync(frames));
        break;
      default:
        FrontendFramer.release(frames);
    }
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
    if (checkout != null && checkout.isHeld()) {
      toClient.callReady(checkout.connection());
    }
  }

  /** The driver is gone: give back or discard what the session holds (PgDog's guard cleanup). */
  private void clientGone() {
    if (state == State.ROLLING_BACK || state == State.CLOSED) {
      return;
    }
    if (state != State.ACTIVE) {
      end(SessionEnd.CLEAN);
    } else if (tracker.queryInFlight()) {
      log.debug("session {} ended with a query in flight; discarding {}", sessionId(), checkout);
      end(SessionEnd.CLEAN);
    } else {
      log.debug("session {} ended inside a transaction; rolling back on {}", sessionId(), checkout);
      state = State.ROLLING_BACK;
      toOrigin.write(List.of(RelayFrames.encode(new Query("ROLLBACK"))));
      checkout.connection().requestRead();
    }
  }

  // ---- events from the pool ----

  private void connectionAcquired(Checkout granted, Throwable failure) {
    if (failure != null) {
      acquireFailed(failure);
      return;
    }
    if (!granted.connection().isOpen()) {
      // It died between grant and now, before anything was sent: nothing is lost, ask again.
      granted.discard();
      state = State.IDLE;
      batchArrived(pending.take());
      return;
    }
    OriginConnection connection = granted.connection();
    if (checkout.begin(granted, cause -> execute(() -> originClosed(connection, cause)))) {
      state = State.ALIGNING; // the client's settings go in first; alignmentAnswered() sends its batch
    } else {
      sendPending();
    }
    connection.requestRead();
  }

  private void acquireFailed(Throwable failure) {
    if (failure instanceof PoolExhaustedException) {
      abandonPending(((PoolExhaustedException) failure).error());
    } else if (failure instanceof OriginConnectException) {
      end(SessionEnd.connectFailed((OriginConnectException) failure));
    } else if (!(failure instanceof CancellationException)) {
      log.warn("session {}: cannot get an origin connection", sessionId(), failure);
      end(SessionEnd.internal(failure));
    }
  }

  private void alignmentAnswered(OriginConnection connection, List<ByteBuf> frames) {
    if (!toClient.alignmentAnswers(frames)) {
      connection.requestRead();
      return;
    }
    ErrorResponse failure = checkout.aligned();
    if (failure != null) {
      end(SessionEnd.alignmentFailed(failure));
    } else if (cancelAfterAlignment) {
      cancelAfterAlignment = false;
      release();
      abandonPending(SessionErrors.canceledBeforeStart());
    } else {
      sendPending();
      connection.requestRead();
    }
  }

  private void sendPending() {
    List<ByteBuf> batch = pending.take();
    state = State.ACTIVE;
    toOrigin.write(batch);
  }

  /** The waiting batch gets {@code error} instead, and the session skips to its Sync. */
  private void abandonPending(ErrorResponse error) {
    state = State.DISCARDING;
    skipped(pending.refuse(error));
  }

  /** Once the refused batch's Sync has passed, what follows it is a new batch. */
  private void skipped(List<ByteBuf> rest) {
    if (rest != null) {
      state = State.IDLE;
      batchArrived(rest);
    }
  }

  // ---- events from the origin connection ----

  void backendFrames(OriginConnection connection, List<ByteBuf> frames) {
    if (!holds(connection)) {
      FrontendFramer.release(frames);
      return;
    }
    if (state == State.ALIGNING) {
      alignmentAnswered(connection, frames);
      return;
    }
    boolean rollingBack = state == State.ROLLING_BACK; // the ROLLBACK's answers are ours, not the client's
    toClient.relay(frames, rollingBack);
    if (tracker.connectionReleasable()) {
      release();
      if (rollingBack) {
        end(SessionEnd.CLEAN);
      }
    } else if (rollingBack && !tracker.queryInFlight()) {
      end(SessionEnd.CLEAN); // still not idle after ROLLBACK: end() discards the connection
    } else if (rollingBack) {
      connection.requestRead();
    } else {
      toClient.readOn(connection);
    }
  }

  private void release() {
    checkout.release();
    toOrigin.connectionReleased();
    toClient.connectionReleased();
    state = State.IDLE;
  }

  private void originWritten(OriginConnection connection, Throwable failure) {
    if (state == State.CLOSED) {
      return;
    }
    if (!holds(connection)) {
      // The origin answered and the connection went back to the pool before this event ran: the write
      // is done all the same, and the driver's next batch is due.
      edge.requestNext();
    } else if (failure != null) {
      originClosed(connection, failure);
    } else {
      toOrigin.writeDone(connection);
    }
  }

  void originWritable(OriginConnection connection) {
    if (holds(connection)) {
      toOrigin.writable(connection);
    }
  }

  void originClosed(OriginConnection connection, Throwable cause) {
    if (!holds(connection)) {
      return;
    }
    if (cause == null) {
      log.debug("session {}: {} closed by the origin", sessionId(), connection);
    } else {
      log.warn("session {}: {} lost: {}", sessionId(), connection, cause.toString());
    }
    checkout.lost();
    if (state == State.ROLLING_BACK) {
      end(SessionEnd.CLEAN);
    } else {
      end(SessionEnd.originLost(open.getDatabase(), toClient.originSentFatal()));
    }
  }

  // ---- deadlines ----

  private void queryTimedOut() {
    if (state != State.ACTIVE || !tracker.queryInFlight()) {
      return;
    }
    if (deadlines.cancelFirst()) {
      log.debug("session {}: query_timeout passed; cancelling on {}", sessionId(), checkout);
      checkout.cancelQuery(new CompletableFuture<>());
    } else {
      log.debug("session {}: the origin ignored the query_timeout cancel; dropping {}", sessionId(), checkout);
      end(SessionEnd.queryTimeoutUnanswered(deadlines.queryLimit()));
    }
  }

  /** Cut off like PostgreSQL's idle_in_transaction_session_timeout; the connection is rolled back and reused. */
  private void idleInTransactionTimedOut() {
    if (state != State.ACTIVE || tracker.queryInFlight() || tracker.status() == TransactionStatus.IDLE) {
      return;
    }
    log.debug("session {}: idle_transaction_timeout passed; rolling back {}", sessionId(), checkout);
    edge.end(SessionEnd.idleInTransactionTimeout(deadlines.idleTransactionLimit()));
    clientGone();
  }

  // ---- Cancel RPC ----

  /** Sends a CancelRequest to the origin backend running this session's query; true if one was sent. */
  CompletableFuture<Boolean> cancelQuery() {
    CompletableFuture<Boolean> delivered = new CompletableFuture<>();
    execute(() -> {
      if (state == State.ACTIVE && tracker.queryInFlight()) {
        checkout.cancelQuery(delivered);
      } else if (state == State.WAITING) {
        // Nothing reached the origin yet: give up the wait and answer as a cancelled statement.
        checkout.withdraw();
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
    return checkout != null && checkout.holds(connection) && state != State.CLOSED;
  }

  /** Ends the session: releases everything it holds and ends the call as {@code end} says. */
  private void end(SessionEnd end) {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    pending.release();
    cache.close();
    if (checkout != null) { // the session was open
      deadlines.stop();
      checkout.close();
      toOrigin.close();
    }
    if (open != null) {
      registry.unregister(open.getDatabase(), open.getSessionId(), this);
    }
    edge.end(end);
    log.debug("session {} closed{}", sessionId(), end.status() == null ? "" : ": " + end.status());
  }

  private String sessionId() {
    return open == null ? "(unopened)" : open.getSessionId();
  }
}
