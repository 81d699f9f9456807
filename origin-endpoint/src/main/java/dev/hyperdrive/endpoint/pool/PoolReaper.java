package dev.hyperdrive.endpoint.pool;

import dev.hyperdrive.endpoint.config.PoolSettings;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Periodically enforces server_idle_timeout, server_lifetime and min_pool_size on one pool, like
 * PgBouncer's janitor. It ticks often enough to honour the shortest of the timeouts within about a
 * quarter of it, but at most once per 50 ms and at least once per second.
 */
final class PoolReaper {
  private final OriginPool pool;
  private final ScheduledExecutorService scheduler;
  private final long periodMillis;
  private ScheduledFuture<?> task;

  PoolReaper(OriginPool pool, PoolSettings settings, ScheduledExecutorService scheduler) {
    this.pool = pool;
    this.scheduler = scheduler;
    Duration shortest = settings.serverIdleTimeout().compareTo(settings.serverLifetime()) < 0
        ? settings.serverIdleTimeout() : settings.serverLifetime();
    this.periodMillis = Math.max(50, Math.min(1000, shortest.toMillis() / 4));
  }

  synchronized void start() {
    task = scheduler.scheduleWithFixedDelay(pool::reap, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  synchronized void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }
}
