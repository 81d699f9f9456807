package dev.hyperdrive.edge.session;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL's {@code authentication_timeout} for one driver connection: armed when it connects and
 * cancelled as soon as the handshake ends either way, because a pending timer task keeps the session,
 * its channel and its relay reachable until it fires. Used on the connection's event loop only.
 */
final class HandshakeDeadline {
  /** PostgreSQL's default authentication_timeout. */
  static final Duration TIMEOUT = Duration.ofMinutes(1);

  private ScheduledFuture<?> pending;

  void arm(ScheduledExecutorService loop, Runnable onTimeout) {
    pending = loop.schedule(onTimeout, TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  void cancel() {
    if (pending != null) {
      pending.cancel(false);
      pending = null;
    }
  }
}
