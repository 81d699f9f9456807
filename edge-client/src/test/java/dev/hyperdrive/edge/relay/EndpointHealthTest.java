package dev.hyperdrive.edge.relay;

import static io.grpc.ConnectivityState.CONNECTING;
import static io.grpc.ConnectivityState.IDLE;
import static io.grpc.ConnectivityState.READY;
import static io.grpc.ConnectivityState.TRANSIENT_FAILURE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EndpointHealthTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final EndpointHealth health = new EndpointHealth(now::get);

  @Test
  void aFreshChannelIsUsableWhileItConnects() {
    assertThat(health.usable(IDLE)).isTrue();
    assertThat(health.usable(CONNECTING)).isTrue();
    assertThat(health.usable(READY)).isTrue();
    assertThat(health.usable(TRANSIENT_FAILURE)).isFalse();
  }

  @Test
  void aLostConnectionKeepsTheEndpointDownUntilItIsReadyAgain() {
    health.onChannelState(READY);
    health.onChannelState(IDLE);
    assertThat(health.usable(IDLE)).isFalse();
    health.onChannelState(CONNECTING);
    assertThat(health.usable(CONNECTING)).as("reconnecting after a loss").isFalse();
    health.onChannelState(TRANSIENT_FAILURE);
    now.addAndGet(60_000_000_000L);
    assertThat(health.usable(CONNECTING)).as("still not connected a minute later").isFalse();
    health.onChannelState(READY);
    assertThat(health.usable(READY)).as("back up: preference restored").isTrue();
  }

  @Test
  void aFailedStreamMarksAnEndpointDownEvenBeforeItsChannelNotices() {
    health.onChannelState(READY);
    health.onStreamUnavailable();
    assertThat(health.usable(READY)).isFalse();
    assertThat(health.usable(CONNECTING)).isFalse();
    now.addAndGet(EndpointHealth.HOLD_DOWN.toNanos() - 1);
    assertThat(health.usable(READY)).isFalse();
    now.addAndGet(1);
    assertThat(health.usable(READY)).as("a connection that stayed READY is tried again after the hold").isTrue();
  }

  @Test
  void seeingTransientFailureWhenChoosingMarksDownToo() {
    assertThat(health.usable(TRANSIENT_FAILURE)).isFalse();
    assertThat(health.markedDown()).isTrue();
    assertThat(health.usable(CONNECTING)).isFalse();
    health.onChannelState(READY);
    assertThat(health.markedDown()).isFalse();
  }
}
