package dev.hyperdrive.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.endpoint.config.PoolSettings;
import dev.hyperdrive.testing.PostgresExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A client that stops reading stops the origin: the endpoint buffers a bounded amount in between. */
@ExtendWith(PostgresExtension.class)
class BackpressureIT {
  private static final int ROWS = 100_000;
  private static final String BIG_QUERY = "SELECT repeat('x', 1000) FROM generate_series(1, " + ROWS + ")";

  @Test
  void aStalledClientParksTheOriginBackendInClientWrite(EmbeddedOrigin origin) throws Exception {
    try (RelayHarness relay = RelayHarness.start(origin, PoolSettings.DEFAULTS)) {
      // 1. The client asks for one chunk of a ~100 MB result and then stops reading.
      CountingStream stream = relay.countingStream(BIG_QUERY);

      // 2. The endpoint stops reading the origin socket, so the backend blocks writing to it.
      awaitOriginBlockedOnClientWrite(relay);
      long heldBack = stream.bytes();
      assertThat(heldBack).as("bytes delivered while the client read nothing").isLessThan(8L << 20);

      // 3. Once the client reads again, the whole result arrives.
      stream.readFreely();
      assertThat(stream.awaitReady(120)).isTrue();
      assertThat(stream.bytes()).isGreaterThan((long) ROWS * 1000);
      stream.close();
    }
  }

  private static void awaitOriginBlockedOnClientWrite(RelayHarness relay) throws Exception {
    for (int attempt = 0; attempt < 400; attempt++) {
      try (Connection c = relay.originJdbc(); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT wait_event FROM pg_stat_activity WHERE application_name = '"
               + relay.applicationName() + "' AND state = 'active'")) {
        if (rs.next() && "ClientWrite".equals(rs.getString(1))) {
          return;
        }
      }
      Thread.sleep(25);
    }
    throw new AssertionError("the origin backend never blocked on ClientWrite: the endpoint kept reading");
  }
}
