package dev.hyperdrive.endpoint.relay;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One of a session's deadlines (query_timeout, idle_transaction_timeout), run on the session's loop. A
 * zero limit never fires. Used only on that loop; an expiry that was due before {@link #stop()} does
 * not run, since both happen on the same thread.
 */
final class SessionTimer {
  private final EventLoop loop;
  private final Duration limit;
  private final Runnable onExpiry;
  private ScheduledFuture<?> pending;

  SessionTimer(EventLoop loop, Duration limit, Runnable onExpiry) {
    this.loop = loop;
    this.limit = limit;
    this.onExpiry = onExpiry;
  }

  Duration limit() {
    return limit;
  }

  /** Starts the countdown unless it is already running. */
  void start() {
    if (pending == null && !limit.isZero()) {
      pending = loop.schedule(this::expire, limit.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  /** Starts the countdown afresh. */
  void restart() {
    stop();
    start();
  }

  void stop() {
    if (pending != null) {
      pending.cancel(false);
      pending = null;
    }
  }

  private void expire() {
    pending = null;
    onExpiry.run();
  }
}
