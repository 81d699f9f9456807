package dev.hyperdrive.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.endpoint.config.PoolSettings;
import dev.hyperdrive.endpoint.pool.PoolStats;
import dev.hyperdrive.testing.PostgresExtension;
import dev.hyperdrive.wire.TransactionStatus;
import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.backend.DataRow;
import dev.hyperdrive.wire.frontend.Query;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Many sessions over a small pool, each doing a random mix of queries, transactions, abandoned
 * transactions and abandoned queries. Afterwards nothing leaked: no checkout outstanding, no origin
 * backend left in a transaction, the bound never exceeded, and the pool still serves.
 */
@ExtendWith(PostgresExtension.class)
class PoolUnderChurnIT {
  private static final int POOL_SIZE = 3;
  private static final int CLIENTS = 16;
  private static final int ROUNDS = 15;

  @Test
  void randomChurnLeavesAConsistentPool(EmbeddedOrigin origin) throws Exception {
    try (RelayHarness relay = RelayHarness.start(origin, PoolSettings.DEFAULTS.withDefaultPoolSize(POOL_SIZE))) {
      relay.execute("DROP TABLE IF EXISTS churn; CREATE TABLE churn (client int, round int)");
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      List<Future<?>> results = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        long seed = 1000 + c;
        int client = c;
        results.add(clients.submit(() -> {
          churn(relay, client, new Random(seed));
          return null;
        }));
      }
      for (Future<?> result : results) {
        result.get(3, TimeUnit.MINUTES);
      }
      clients.shutdown();

      PoolStats stats = relay.awaitStats(s -> s.svActive() == 0 && s.svLogin() == 0);
      assertThat(stats.svActive()).as("checkouts outstanding").isZero();
      assertThat(stats.total()).isLessThanOrEqualTo(POOL_SIZE);
      // A discarded connection's backend may still be finishing the abandoned pg_sleep(0.05) when the
      // clients are done; it must be gone (or idle) within moments.
      assertThat(busyOriginBackends(relay, Duration.ofSeconds(5))).as("our origin backends not idle").isZero();
      try (RelayStream session = relay.session()) {
        List<BackendMessage> abandoned = session.query("SELECT count(*) FROM churn WHERE round = -1");
        assertThat(RelaySessionIT.text((DataRow) abandoned.get(1), 0)).as("rows of abandoned transactions").isEqualTo("0");
        assertThat(RelayStream.status(abandoned)).isEqualTo(TransactionStatus.IDLE);
      }
    }
  }

  private static void churn(RelayHarness relay, int client, Random random) throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      RelayStream session = relay.session();
      try {
        switch (random.nextInt(5)) {
          case 0:
            session.query("SELECT " + round);
            break;
          case 1:
            session.query("BEGIN");
            session.query("INSERT INTO churn VALUES (" + client + ", " + round + ")");
            session.query("COMMIT");
            break;
          case 2:
            session.query("BEGIN");
            session.query("INSERT INTO churn VALUES (" + client + ", -1)");
            break; // abandoned inside the transaction: rolled back
          case 3:
            session.send(new Query("SELECT pg_sleep(0.05)"));
            break; // abandoned mid-query: connection discarded
          default:
            session.query("SELECT 1/0");
            break;
        }
      } finally {
        if (random.nextBoolean()) {
          session.halfClose();
        }
        session.close();
      }
    }
  }

  private static int busyOriginBackends(RelayHarness relay, Duration patience) throws Exception {
    long deadline = System.nanoTime() + patience.toNanos();
    try (Connection c = relay.originJdbc(); Statement s = c.createStatement()) {
      while (true) {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = '"
            + relay.applicationName() + "' AND state <> 'idle'")) {
          rs.next();
          int busy = rs.getInt(1);
          if (busy == 0 || System.nanoTime() > deadline) {
            return busy;
          }
        }
        Thread.sleep(20);
      }
    }
  }
}
