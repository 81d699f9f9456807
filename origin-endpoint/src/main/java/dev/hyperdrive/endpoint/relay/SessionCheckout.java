package dev.hyperdrive.endpoint.relay;

import dev.hyperdrive.endpoint.origin.OriginConnection;
import dev.hyperdrive.endpoint.origin.OriginListener;
import dev.hyperdrive.endpoint.pool.Checkout;
import dev.hyperdrive.endpoint.pool.OriginPool;
import dev.hyperdrive.wire.backend.ErrorResponse;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The session's hold on an origin connection, from asking the pool to giving it back: acquire, align the
 * connection's settings with the client's, release it clean, or lose it. Which of these happens when is
 * the session's state machine's decision; this keeps the pool, the checkout and the hooks that must hear
 * of each step in agreement. Used only on the session's loop.
 */
final class SessionCheckout {
  private final OriginPool pool;
  private final OriginListener events;
  private final SessionParts parts;
  private CompletableFuture<Checkout> acquiring;
  private Checkout checkout;

  SessionCheckout(OriginPool pool, OriginListener events, SessionParts parts) {
    this.pool = pool;
    this.events = events;
    this.parts = parts;
  }

  /**
   * Asks the pool for a connection. Its answer reaches {@code settled} on {@code loop}: a checkout, or
   * the failure (PoolExhaustedException, OriginConnectException, ...); a connection granted after the
   * session stopped waiting goes straight back.
   */
  void acquire(Executor loop, BiConsumer<Checkout, Throwable> settled) {
    CompletableFuture<Checkout> attempt = pool.acquire(events, loop);
    acquiring = attempt;
    attempt.whenCompleteAsync((granted, failure) -> {
      if (attempt != acquiring) {
        if (granted != null) {
          granted.close();
        }
        return;
      }
      acquiring = null;
      settled.accept(granted, failure instanceof CompletionException ? failure.getCause() : failure);
    }, loop);
  }

  /** Gives up waiting for a connection (cancel, or the session ends). */
  void withdraw() {
    if (acquiring != null) {
      acquiring.cancel(false);
      acquiring = null;
    }
  }

  /**
   * Starts using a granted connection. True if the client's settings differ from the connection's: the
   * alignment Query has gone out first and its answers ({@link OriginToClient#alignmentAnswers}) must
   * end, then {@link #aligned}, before the client's batch may follow. A failed write reaches
   * {@code writeFailed}, on whatever thread completes it.
   */
  boolean begin(Checkout granted, Consumer<Throwable> writeFailed) {
    checkout = granted;
    parts.tracker().reset();
    parts.statements().checkoutStarted();
    ByteBuf alignment = parts.settings().checkedOut(granted.connection());
    if (alignment == null) {
      return false;
    }
    checkout.markBusy();
    granted.connection().write(List.of(alignment)).addListener(done -> {
      if (done.cause() != null) {
        writeFailed.accept(done.cause());
      }
    });
    return true;
  }

  /** The alignment's ReadyForQuery came: null if it worked, else the FATAL error for the client. */
  ErrorResponse aligned() {
    checkout.markIdle();
    return parts.settings().alignmentFailure();
  }

  boolean isHeld() {
    return checkout != null;
  }

  boolean holds(OriginConnection connection) {
    return checkout != null && checkout.connection() == connection;
  }

  OriginConnection connection() {
    return checkout.connection();
  }

  /** Client frames are going out: until it is idle again the connection is not clean. */
  void markBusy() {
    checkout.markBusy();
  }

  /** ReadyForQuery 'I' with nothing owed: the connection goes back to the pool, clean. */
  void release() {
    parts.settings().released();
    checkout.markIdle();
    checkout.close();
    checkout = null;
  }

  /** The connection closed under the session: the pool forgets it. */
  void lost() {
    checkout.discard();
    checkout = null;
    parts.settings().released();
  }

  /** Sends a CancelRequest for the query running on the held connection; {@code delivered} says if it went. */
  void cancelQuery(CompletableFuture<Boolean> delivered) {
    QueryCanceller.cancel(pool.connector(), checkout.connection(), delivered);
  }

  /** The session ends: it stops waiting, and a held connection goes back only if clean, else it is discarded. */
  void close() {
    withdraw();
    if (checkout != null) {
      checkout.close();
      checkout = null;
    }
  }

  @Override
  public String toString() {
    return String.valueOf(checkout);
  }
}
