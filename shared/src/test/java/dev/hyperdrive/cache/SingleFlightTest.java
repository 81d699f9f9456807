package dev.hyperdrive.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SingleFlightTest {
  private static final CacheKey KEY = CacheKey.simpleQuery("appdb", Map.of(), "SELECT 1");
  private static final CachedResult RESULT = CachedResult.of(new byte[0], Instant.EPOCH, Duration.ofSeconds(1));

  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    loop.shutdownNow();
  }

  @Test
  void underABurstOneLeadsAndEveryOtherGetsItsResult() throws Exception {
    SingleFlight flights = new SingleFlight(Duration.ofSeconds(10), 100);
    List<Optional<CachedResult>> received = new CopyOnWriteArrayList<>();
    CountDownLatch delivered = new CountDownLatch(49);
    int leaders = 0;
    for (int i = 0; i < 50; i++) {
      SingleFlight.Role role = flights.join(KEY, loop, result -> {
        received.add(result);
        delivered.countDown();
      });
      if (role == SingleFlight.Role.LEADER) {
        leaders++;
      } else {
        assertThat(role).isEqualTo(SingleFlight.Role.FOLLOWER);
      }
    }
    assertThat(leaders).isEqualTo(1);
    flights.land(KEY, Optional.of(RESULT));
    assertThat(delivered.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(received).hasSize(49).containsOnly(Optional.of(RESULT));
    assertThat(flights.inFlight()).isZero();
    assertThat(flights.join(KEY, loop, result -> { })).as("the next miss leads a new flight")
        .isEqualTo(SingleFlight.Role.LEADER);
  }

  @Test
  void landingCancelsTheFollowersWaitTimersSoNothingKeepsThemReachable() throws Exception {
    ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);
    timers.setRemoveOnCancelPolicy(true);
    try {
      SingleFlight flights = new SingleFlight(Duration.ofSeconds(10), 100);
      CountDownLatch delivered = new CountDownLatch(3);
      assertThat(flights.join(KEY, timers, result -> { })).isEqualTo(SingleFlight.Role.LEADER);
      for (int i = 0; i < 3; i++) {
        flights.join(KEY, timers, result -> delivered.countDown());
      }
      assertThat(timers.getQueue()).as("one wait timer per follower").hasSize(3);
      flights.land(KEY, Optional.of(RESULT));
      assertThat(delivered.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(timers.getQueue()).as("no timer left holding a follower").isEmpty();
    } finally {
      timers.shutdownNow();
    }
  }

  @Test
  void followersGiveUpAfterTheirWaitAndNeverHearTwice() throws Exception {
    SingleFlight flights = new SingleFlight(Duration.ofMillis(50), 100);
    List<Optional<CachedResult>> received = new CopyOnWriteArrayList<>();
    CountDownLatch gaveUp = new CountDownLatch(1);
    assertThat(flights.join(KEY, loop, result -> { })).isEqualTo(SingleFlight.Role.LEADER);
    flights.join(KEY, loop, result -> {
      received.add(result);
      gaveUp.countDown();
    });
    assertThat(gaveUp.await(5, TimeUnit.SECONDS)).isTrue();
    flights.land(KEY, Optional.of(RESULT));
    loop.submit(() -> { }).get();
    assertThat(received).containsExactly(Optional.empty());
  }

  @Test
  void aFullFlightSendsTheRestOnTheirOwn() {
    SingleFlight flights = new SingleFlight(Duration.ofSeconds(10), 2);
    assertThat(flights.join(KEY, loop, result -> { })).isEqualTo(SingleFlight.Role.LEADER);
    assertThat(flights.join(KEY, loop, result -> { })).isEqualTo(SingleFlight.Role.FOLLOWER);
    assertThat(flights.join(KEY, loop, result -> { })).isEqualTo(SingleFlight.Role.FOLLOWER);
    assertThat(flights.join(KEY, loop, result -> { })).isEqualTo(SingleFlight.Role.ON_YOUR_OWN);
  }

  @Test
  void tryLeadNeverWaits() {
    SingleFlight flights = new SingleFlight(Duration.ofSeconds(10), 2);
    assertThat(flights.tryLead(KEY)).isTrue();
    assertThat(flights.tryLead(KEY)).isFalse();
    flights.land(KEY, Optional.empty());
    assertThat(flights.tryLead(KEY)).isTrue();
  }
}
