package dev.hyperdrive.endpoint.pool;

import dev.hyperdrive.endpoint.origin.OriginListener;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/** A client queued for a connection: who to tell, since when, and its query_wait_timeout timer. */
final class Waiter {
  final CompletableFuture<Checkout> result = new CompletableFuture<>();
  final OriginListener listener;
  final long enqueuedAtNanos = System.nanoTime();
  ScheduledFuture<?> timeout;

  Waiter(OriginListener listener) {
    this.listener = listener;
  }

  boolean isWaiting() {
    return !result.isDone();
  }
}
