package dev.hyperdrive.endpoint;

import static dev.hyperdrive.endpoint.RelayStream.error;
import static dev.hyperdrive.endpoint.RelayStream.status;
import static dev.hyperdrive.endpoint.RelaySessionIT.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.endpoint.config.PoolSettings;
import dev.hyperdrive.endpoint.pool.PoolStats;
import dev.hyperdrive.testing.PostgresExtension;
import dev.hyperdrive.wire.TransactionStatus;
import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.backend.DataRow;
import dev.hyperdrive.wire.frontend.Bind;
import dev.hyperdrive.wire.frontend.Execute;
import dev.hyperdrive.wire.frontend.Parse;
import dev.hyperdrive.wire.frontend.Sync;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Checkout at a batch, release at ReadyForQuery 'I', pinning inside transactions, the pool's bounds. */
@ExtendWith(PostgresExtension.class)
class TransactionModeIT {

  @Test
  void aTransactionPinsItsConnectionAcrossBatchesUntilCommit(EmbeddedOrigin origin) throws Exception {
    try (RelayHarness relay = RelayHarness.start(origin, PoolSettings.DEFAULTS.withDefaultPoolSize(1));
         RelayStream a = relay.session();
         RelayStream b = relay.session()) {
      // 1. A opens a transaction: the origin says T, the connection stays checked out.
      assertThat(status(a.query("BEGIN"))).isEqualTo(TransactionStatus.IN_TRANSACTION);
      String pid = text((DataRow) a.query("SELECT pg_backend_pid()").get(1), 0);
      assertThat(relay.stats().svActive()).isEqualTo(1);

      // 2. B's query has to wait: the pool's only connection is pinned to A.
      b.send(new dev.hyperdrive.wire.frontend.Query("SELECT pg_backend_pid()"));
      assertThat(b.poll(300)).as("B gets nothing while A's transaction is open").isNull();

      // 3. A's next batch runs on the same backend.
      assertThat(text((DataRow) a.query("SELECT pg_backend_pid()").get(1), 0)).isEqualTo(pid);

      // 4. A commits: ReadyForQuery I releases the connection, and B runs on it.
      assertThat(status(a.query("COMMIT"))).isEqualTo(TransactionStatus.IDLE);
      List<BackendMessage> bReply = b.untilReady();
      assertThat(text((DataRow) bReply.get(1), 0)).isEqualTo(pid);
      PoolStats released = relay.awaitStats(stats -> stats.svIdle() == 1);
      assertThat(released.svActive()).isZero();
      assertThat(released.svIdle()).isEqualTo(1);
    }
  }

  @Test
  void moreSessionsThanConnectionsShareTheBoundedPool(EmbeddedOrigin origin) throws Exception {
    int poolSize = 3;
    int sessions = 12;
    try (RelayHarness relay = RelayHarness.start(origin, PoolSettings.DEFAULTS.withDefaultPoolSize(poolSize))) {
      AtomicBoolean sampling = new AtomicBoolean(true);
      AtomicInteger mostSeen = new AtomicInteger();
      Thread sampler = new Thread(() -> {
        while (sampling.get()) {
          try {
            mostSeen.accumulateAndGet(relay.originConnections(), Math::max);
            Thread.sleep(20);
          } catch (Exception e) {
            return;
          }
        }
      });
      sampler.start();
      ExecutorService clients = Executors.newFixedThreadPool(sessions);
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < sessions; i++) {
        results.add(clients.submit(() -> {
          try (RelayStream session = relay.session()) {
            session.query("SELECT pg_sleep(0.2)");
            return text((DataRow) session.query("SELECT 'done'").get(1), 0);
          }
        }));
      }
      for (Future<String> result : results) {
        assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo("done");
      }
      clients.shutdown();
      sampling.set(false);
      sampler.join();
      assertThat(mostSeen.get()).as("origin backends of this endpoint in pg_stat_activity").isBetween(1, poolSize);
    }
  }

  @Test
  void aClientThatWaitsTooLongGets53300AndCarriesOn(EmbeddedOrigin origin) throws Exception {
    PoolSettings settings = PoolSettings.DEFAULTS.withDefaultPoolSize(1).withQueryWaitTimeout(Duration.ofMillis(300));
    try (RelayHarness relay = RelayHarness.start(origin, settings);
         RelayStream holder = relay.session();
         RelayStream waiter = relay.session()) {
      // 1. The holder pins the only connection in a transaction.
      holder.query("BEGIN");

      // 2. A simple query times out waiting: 53300 as an ERROR, then ReadyForQuery I.
      List<BackendMessage> simple = waiter.query("SELECT 1");
      assertThat(simple).hasSize(2);
      assertThat(error(simple).sqlState()).isEqualTo("53300");
      assertThat(error(simple).message()).contains("appdb").contains("query_wait_timeout");
      assertThat(status(simple)).isEqualTo(TransactionStatus.IDLE);

      // 3. An extended batch times out too: one error, the rest skipped to Sync, one ReadyForQuery.
      waiter.send(new Parse("", "SELECT 2", new int[0]), new Bind("", "", new short[0], List.of(), new short[0]),
          new Execute("", 0), Sync.INSTANCE);
      List<BackendMessage> extended = waiter.untilReady();
      assertThat(extended).hasSize(2);
      assertThat(error(extended).sqlState()).isEqualTo("53300");

      // 4. Once the holder commits, the waiter's session works.
      holder.query("COMMIT");
      assertThat(text((DataRow) waiter.query("SELECT 'usable'").get(1), 0)).isEqualTo("usable");
    }
  }

  @Test
  void aClientGoneInsideATransactionIsRolledBackAndTheConnectionReused(EmbeddedOrigin origin) throws Exception {
    try (RelayHarness relay = RelayHarness.start(origin, PoolSettings.DEFAULTS.withDefaultPoolSize(1))) {
      relay.execute("DROP TABLE IF EXISTS abandoned; CREATE TABLE abandoned (id int)");
      String pid;
      // 1. A inserts inside a transaction, then its stream is cut.
      try (RelayStream a = relay.session()) {
        a.query("BEGIN");
        a.query("INSERT INTO abandoned VALUES (1)");
        pid = text((DataRow) a.query("SELECT pg_backend_pid()").get(1), 0);
        a.cancel();
      }
      // 2. B, on the same (only) backend, does not see the row: it was rolled back.
      try (RelayStream b = relay.session()) {
        List<BackendMessage> reply = b.query("SELECT count(*), pg_backend_pid() FROM abandoned");
        assertThat(text((DataRow) reply.get(1), 0)).isEqualTo("0");
        assertThat(text((DataRow) reply.get(1), 1)).isEqualTo(pid);
        assertThat(status(reply)).isEqualTo(TransactionStatus.IDLE);
      }
      // 3. The same happens when the edge half-closes instead of cancelling.
      try (RelayStream c = relay.session()) {
        c.query("BEGIN");
        c.query("INSERT INTO abandoned VALUES (2)");
        c.halfClose();
        assertThat(c.awaitEnd().isOk()).isTrue();
      }
      try (RelayStream d = relay.session()) {
        assertThat(text((DataRow) d.query("SELECT count(*) FROM abandoned").get(1), 0)).isEqualTo("0");
      }
    }
  }

  @Test
  void aClientGoneMidQueryCostsTheConnectionNotTheNextClient(EmbeddedOrigin origin) throws Exception {
    try (RelayHarness relay = RelayHarness.start(origin, PoolSettings.DEFAULTS.withDefaultPoolSize(1))) {
      RelayStream a = relay.session();
      a.send(new dev.hyperdrive.wire.frontend.Query("SELECT pg_sleep(30)"));
      Thread.sleep(300);
      a.cancel();
      a.close();
      // The busy connection was discarded, not handed on; a new one serves the next client at once.
      try (RelayStream b = relay.session()) {
        long started = System.nanoTime();
        assertThat(text((DataRow) b.query("SELECT 'fresh'").get(1), 0)).isEqualTo("fresh");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
      }
    }
  }
}
