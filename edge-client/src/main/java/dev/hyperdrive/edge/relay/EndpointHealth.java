package dev.hyperdrive.edge.relay;

import io.grpc.ConnectivityState;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Whether new sessions may be sent to one endpoint. The channel's own state says most of it (a channel
 * in TRANSIENT_FAILURE cannot connect), but a channel that lost its connection passes through IDLE and
 * CONNECTING, where gRPC would happily start a stream that then fails; so the endpoint is marked down
 * when its channel loses its connection or fails to connect, or one of its streams fails with
 * UNAVAILABLE, and only a connection that becomes READY again clears the mark. A stream that failed while the connection still
 * looked READY marks the endpoint down for {@link #HOLD_DOWN} only, so a healthy connection is tried again.
 * Thread-safe: channel callbacks, session event loops and the router all call it.
 */
public final class EndpointHealth {
  /** How long a failed stream keeps a still-connected endpoint out of rotation. */
  public static final Duration HOLD_DOWN = Duration.ofSeconds(10);

  private final LongSupplier nanoClock;
  private long downSinceNanos;
  private boolean down;

  public EndpointHealth() {
    this(System::nanoTime);
  }

  /** @param nanoClock a monotonic clock in nanoseconds (tests pass their own) */
  public EndpointHealth(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  /**
   * The channel moved to {@code state}. A channel only moves to IDLE when its connection went away
   * (the edge disables idle timeouts), so that counts as down until it is READY again.
   */
  public synchronized void onChannelState(ConnectivityState state) {
    if (state == ConnectivityState.READY) {
      down = false;
    } else if (state != ConnectivityState.CONNECTING) {
      markDown();
    }
  }

  /** A stream to this endpoint failed in a way that says the endpoint (not the session) is gone. */
  public synchronized void onStreamUnavailable() {
    markDown();
  }

  /** Whether a new session may use the endpoint whose channel is now in {@code state}. */
  public synchronized boolean usable(ConnectivityState state) {
    switch (state) {
      case TRANSIENT_FAILURE:
      case SHUTDOWN:
        markDown();
        return false;
      case READY:
        return !down || nanoClock.getAsLong() - downSinceNanos >= HOLD_DOWN.toNanos();
      default:
        // IDLE or CONNECTING: fine on a fresh channel, not on one that has just failed.
        return !down;
    }
  }

  /** Marked down and not yet READY again (for logs and tests). */
  public synchronized boolean markedDown() {
    return down;
  }

  private void markDown() {
    if (!down) {
      down = true;
      downSinceNanos = nanoClock.getAsLong();
    }
  }
}
