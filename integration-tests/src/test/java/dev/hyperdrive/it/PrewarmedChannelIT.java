package dev.hyperdrive.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.testing.PostgresExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The edge connects to its endpoints at start-up and keeps that HTTP/2 connection: sessions that come
 * and go open streams on it and never a new TCP or HTTP/2 connection.
 */
@ExtendWith(PostgresExtension.class)
class PrewarmedChannelIT {

  @Test
  void sessionsReuseTheConnectionOpenedAtStartup(EmbeddedOrigin origin) throws Exception {
    try (RelayStack stack = RelayStack.start(origin, 4)) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (stack.endpoint().acceptedTransports() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(stack.endpoint().acceptedTransports()).as("connected before any client arrived").isEqualTo(1);

      for (int i = 0; i < 25; i++) {
        assertThat(selectOne(stack)).isEqualTo(1);
      }
      ExecutorService pool = Executors.newFixedThreadPool(25);
      List<Future<Integer>> concurrent = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        concurrent.add(pool.submit(() -> selectOne(stack)));
      }
      for (Future<Integer> result : concurrent) {
        assertThat(result.get(1, TimeUnit.MINUTES)).isEqualTo(1);
      }
      pool.shutdown();

      assertThat(stack.endpoint().acceptedTransports()).as("HTTP/2 connections after 50 sessions").isEqualTo(1);
    }
  }

  private static int selectOne(RelayStack stack) throws Exception {
    try (Connection c = stack.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
