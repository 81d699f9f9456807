package dev.hyperdrive.endpoint.pool;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Clients waiting for an origin connection, first come first served (PgBouncer's cl_waiting). Waiters
 * that gave up (timed out, session ended) are skipped lazily. Guarded by the owning pool's lock.
 */
final class WaitQueue {
  private final Deque<Waiter> waiters = new ArrayDeque<>();

  void add(Waiter waiter) {
    waiters.addLast(waiter);
  }

  /** The longest-waiting client still waiting, removed from the queue; null when nobody waits. */
  Waiter pollWaiting() {
    Waiter waiter;
    while ((waiter = waiters.pollFirst()) != null) {
      if (waiter.isWaiting()) {
        return waiter;
      }
    }
    return null;
  }

  void remove(Waiter waiter) {
    waiters.remove(waiter);
  }

  int waitingCount() {
    waiters.removeIf(waiter -> !waiter.isWaiting());
    return waiters.size();
  }

  /** Oldest wait in microseconds (PgBouncer's maxwait_us), 0 when nobody waits. */
  long longestWaitMicros(long nowNanos) {
    for (Waiter waiter : waiters) {
      if (waiter.isWaiting()) {
        return (nowNanos - waiter.enqueuedAtNanos) / 1000;
      }
    }
    return 0;
  }
}
