package dev.hyperdrive.endpoint;

import static dev.hyperdrive.endpoint.RelaySessionIT.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.endpoint.config.PoolSettings;
import dev.hyperdrive.testing.PostgresExtension;
import dev.hyperdrive.wire.backend.DataRow;
import java.time.Duration;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** min_pool_size, server_idle_timeout and server_lifetime against the real origin. */
@ExtendWith(PostgresExtension.class)
class PoolLifecycleIT {

  @Test
  void minPoolSizeIsOpenedAtStartAndKeptThroughIdleTimeouts(EmbeddedOrigin origin) throws Exception {
    PoolSettings settings = new PoolSettings(5, 2, Duration.ofMillis(300), Duration.ofHours(1),
        Duration.ofSeconds(15), Duration.ofSeconds(120));
    try (RelayHarness relay = RelayHarness.start(origin, settings)) {
      awaitOriginConnections(relay, n -> n == 2);
      // Four sessions in parallel transactions push the pool to four connections...
      RelayStream[] sessions = new RelayStream[4];
      for (int i = 0; i < sessions.length; i++) {
        sessions[i] = relay.session();
        sessions[i].query("BEGIN");
      }
      assertThat(relay.originConnections()).isEqualTo(4);
      for (RelayStream session : sessions) {
        session.query("COMMIT");
        session.close();
      }
      // ...and server_idle_timeout brings it back down to min_pool_size, not below.
      awaitOriginConnections(relay, n -> n == 2);
      Thread.sleep(600);
      assertThat(relay.originConnections()).isEqualTo(2);
    }
  }

  @Test
  void serverLifetimeRetiresConnectionsWhenTheyAreNextIdle(EmbeddedOrigin origin) throws Exception {
    PoolSettings settings = new PoolSettings(1, 0, Duration.ofMinutes(10), Duration.ofMillis(400),
        Duration.ofSeconds(15), Duration.ofSeconds(120));
    try (RelayHarness relay = RelayHarness.start(origin, settings);
         RelayStream session = relay.session()) {
      String first = text((DataRow) session.query("SELECT pg_backend_pid()").get(1), 0);
      Thread.sleep(700);
      String second = text((DataRow) session.query("SELECT pg_backend_pid()").get(1), 0);
      assertThat(second).as("a backend past server_lifetime is replaced").isNotEqualTo(first);
    }
  }

  private static void awaitOriginConnections(RelayHarness relay, IntPredicate expected) throws Exception {
    int seen = -1;
    for (int attempt = 0; attempt < 200; attempt++) {
      seen = relay.originConnections();
      if (expected.test(seen)) {
        return;
      }
      Thread.sleep(25);
    }
    throw new AssertionError("origin connections stayed at " + seen);
  }
}
