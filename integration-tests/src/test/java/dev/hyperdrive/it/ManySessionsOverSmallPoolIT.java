package dev.hyperdrive.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.testing.PostgresExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** 200 concurrent client sessions share a pool of 5: all succeed and the origin never sees more than 5. */
@ExtendWith(PostgresExtension.class)
class ManySessionsOverSmallPoolIT {
  private static final int SESSIONS = 200;
  private static final int POOL_SIZE = 5;
  /** The endpoint's own origin role: its backends are exactly the ones logged in as it. */
  private static final String POOL_ROLE = "pool_size_probe";

  @Test
  void twoHundredSessionsShareFiveOriginConnections(EmbeddedOrigin origin) throws Exception {
    try (Connection c = DriverManager.getConnection(origin.jdbcUrl(), origin.user(), origin.password());
         Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS session_marks");
      s.execute("CREATE TABLE session_marks (session int, step int)");
      s.execute("DROP ROLE IF EXISTS " + POOL_ROLE);
      s.execute("CREATE ROLE " + POOL_ROLE + " LOGIN PASSWORD '" + POOL_ROLE + "'");
      s.execute("GRANT INSERT, SELECT ON session_marks TO " + POOL_ROLE);
    }
    try (RelayStack stack = RelayStack.start(origin, POOL_SIZE, POOL_ROLE, POOL_ROLE)) {
      AtomicInteger maxOriginConnections = new AtomicInteger();
      AtomicBoolean sampling = new AtomicBoolean(true);
      Thread sampler = new Thread(() -> sampleOriginConnections(stack, sampling, maxOriginConnections));
      sampler.start();

      ExecutorService clients = Executors.newFixedThreadPool(SESSIONS);
      CountDownLatch allConnected = new CountDownLatch(SESSIONS);
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < SESSIONS; i++) {
        int session = i;
        results.add(clients.submit(() -> runSession(stack, session, allConnected)));
      }
      for (Future<Integer> result : results) {
        assertThat(result.get(2, TimeUnit.MINUTES)).isEqualTo(3);
      }
      clients.shutdown();
      sampling.set(false);
      sampler.join();

      try (Connection c = stack.connectOrigin(); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT session) FROM session_marks")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(SESSIONS * 3);
        assertThat(rs.getInt(2)).isEqualTo(SESSIONS);
      }
      assertThat(maxOriginConnections.get()).as("origin connections seen while 200 sessions ran")
          .isBetween(1, POOL_SIZE);
    }
  }

  /** Connects, waits until every session is connected (so all 200 are open at once), then writes 3 rows. */
  private static int runSession(RelayStack stack, int session, CountDownLatch allConnected) throws Exception {
    try (Connection c = stack.connect()) {
      allConnected.countDown();
      allConnected.await(1, TimeUnit.MINUTES);
      int written = 0;
      for (int step = 0; step < 3; step++) {
        c.setAutoCommit(step != 1);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO session_marks VALUES (?, ?)")) {
          ps.setInt(1, session);
          ps.setInt(2, step);
          written += ps.executeUpdate();
        }
        if (step == 1) {
          c.commit();
        }
      }
      return written;
    }
  }

  private static void sampleOriginConnections(RelayStack stack, AtomicBoolean sampling, AtomicInteger max) {
    try (Connection c = stack.connectOrigin(); Statement s = c.createStatement()) {
      while (sampling.get()) {
        try (ResultSet rs = s.executeQuery(
            "SELECT count(*) FROM pg_stat_activity WHERE usename = '" + POOL_ROLE + "'")) {
          rs.next();
          max.accumulateAndGet(rs.getInt(1), Math::max);
        }
        Thread.sleep(10);
      }
    } catch (Exception e) {
      throw new IllegalStateException("sampling pg_stat_activity failed", e);
    }
  }
}
