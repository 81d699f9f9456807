package dev.hyperdrive.endpoint;

import static dev.hyperdrive.endpoint.RelayStream.error;
import static dev.hyperdrive.endpoint.RelayStream.status;
import static dev.hyperdrive.endpoint.SessionSettingsIT.show;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.endpoint.config.PoolSettings;
import dev.hyperdrive.endpoint.config.TimeoutSettings;
import dev.hyperdrive.proto.relay.CancelRequest;
import dev.hyperdrive.testing.PostgresExtension;
import dev.hyperdrive.wire.TransactionStatus;
import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.backend.ErrorResponse;
import dev.hyperdrive.wire.frontend.Bind;
import dev.hyperdrive.wire.frontend.Execute;
import dev.hyperdrive.wire.frontend.Parse;
import dev.hyperdrive.wire.frontend.Query;
import dev.hyperdrive.wire.frontend.Sync;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** query_timeout, idle_transaction_timeout, the statement_timeout cap, and cancels while waiting. */
@ExtendWith(PostgresExtension.class)
class TimeoutsIT {
  private static final PoolSettings ONE_CONNECTION = PoolSettings.DEFAULTS.withDefaultPoolSize(1);

  @Test
  void queryTimeoutCancelsTheQueryAndTellsTheClient(EmbeddedOrigin origin) throws Exception {
    PoolSettings settings = ONE_CONNECTION.withTimeouts(TimeoutSettings.DEFAULTS.withQueryTimeout(Duration.ofMillis(400)));
    try (RelayHarness relay = RelayHarness.start(origin, settings);
         RelayStream client = relay.session()) {
      // 1. A query longer than query_timeout is cancelled: 57014 naming query_timeout, session idle.
      long started = System.nanoTime();
      List<BackendMessage> reply = client.query("SELECT pg_sleep(20)");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
      assertThat(error(reply).sqlState()).isEqualTo("57014");
      assertThat(error(reply).message()).contains("query_timeout");
      assertThat(status(reply)).isEqualTo(TransactionStatus.IDLE);

      // 2. Inside a transaction the cancel fails the transaction, as PostgreSQL's own timeouts do.
      client.query("BEGIN");
      List<BackendMessage> inTransaction = client.query("SELECT pg_sleep(20)");
      assertThat(error(inTransaction).message()).contains("query_timeout");
      assertThat(status(inTransaction)).isEqualTo(TransactionStatus.FAILED);
      assertThat(status(client.query("ROLLBACK"))).isEqualTo(TransactionStatus.IDLE);

      // 3. Quick queries, one after another, each get the whole limit.
      for (int i = 0; i < 3; i++) {
        assertThat(status(client.query("SELECT pg_sleep(0.25)"))).isEqualTo(TransactionStatus.IDLE);
      }
    }
  }

  @Test
  void aClientIdleInATransactionIsCutOffAndTheConnectionReused(EmbeddedOrigin origin) throws Exception {
    PoolSettings settings = ONE_CONNECTION.withTimeouts(
        TimeoutSettings.DEFAULTS.withIdleTransactionTimeout(Duration.ofMillis(300)));
    try (RelayHarness relay = RelayHarness.start(origin, settings)) {
      relay.execute("DROP TABLE IF EXISTS idle_victim; CREATE TABLE idle_victim (id int)");
      String pid;
      try (RelayStream idler = relay.session()) {
        // 1. The idler writes inside a transaction, then does nothing.
        idler.query("BEGIN");
        idler.query("INSERT INTO idle_victim VALUES (1)");
        pid = show(idler, "pg_backend_pid()");

        // 2. It is cut off with PostgreSQL's own SQLSTATE for this, and its stream ends.
        ErrorResponse error = idler.nextError();
        assertThat(error.isFatal()).isTrue();
        assertThat(error.sqlState()).isEqualTo("25P03");
        assertThat(error.message()).contains("idle_transaction_timeout");
        assertThat(idler.awaitEnd().isOk()).isFalse();
      }
      // 3. The only connection was rolled back and serves the next client.
      try (RelayStream next = relay.session()) {
        assertThat(show(next, "pg_backend_pid()")).isEqualTo(pid);
        assertThat(show(next, "count(*) FROM idle_victim")).isEqualTo("0");
      }
    }
  }

  @Test
  void busyOrIdleOutsideTransactionsIsNotIdleInTransaction(EmbeddedOrigin origin) throws Exception {
    PoolSettings settings = ONE_CONNECTION.withTimeouts(
        TimeoutSettings.DEFAULTS.withIdleTransactionTimeout(Duration.ofMillis(300)));
    try (RelayHarness relay = RelayHarness.start(origin, settings);
         RelayStream client = relay.session()) {
      client.query("BEGIN");
      assertThat(status(client.query("SELECT pg_sleep(0.6)"))).isEqualTo(TransactionStatus.IN_TRANSACTION);
      assertThat(status(client.query("COMMIT"))).isEqualTo(TransactionStatus.IDLE);
      Thread.sleep(600);
      assertThat(status(client.query("SELECT 1"))).isEqualTo(TransactionStatus.IDLE);
    }
  }

  @Test
  void statementTimeoutIsEveryClientsDefaultAndPostgresEnforcesIt(EmbeddedOrigin origin) throws Exception {
    PoolSettings settings = ONE_CONNECTION.withTimeouts(
        TimeoutSettings.DEFAULTS.withStatementTimeout(Duration.ofMillis(300)));
    try (RelayHarness relay = RelayHarness.start(origin, settings);
         RelayStream a = relay.session();
         RelayStream b = relay.session()) {
      assertThat(show(a, "current_setting('statement_timeout')")).isEqualTo("300ms");
      List<BackendMessage> reply = a.query("SELECT pg_sleep(5)");
      assertThat(error(reply).sqlState()).isEqualTo("57014");
      assertThat(error(reply).message()).contains("statement timeout");

      // A client may choose its own, as on PostgreSQL; RESET brings back the endpoint's; B is unaffected.
      a.query("SET statement_timeout = '2s'");
      assertThat(status(a.query("SELECT pg_sleep(0.5)"))).isEqualTo(TransactionStatus.IDLE);
      assertThat(show(b, "current_setting('statement_timeout')")).isEqualTo("300ms");
      a.query("RESET statement_timeout");
      assertThat(show(a, "current_setting('statement_timeout')")).isEqualTo("300ms");
    }
  }

  @Test
  void aCancelWhileWaitingForAConnectionAbandonsTheWait(EmbeddedOrigin origin) throws Exception {
    try (RelayHarness relay = RelayHarness.start(origin, ONE_CONNECTION);
         RelayStream holder = relay.session(RelayHarness.DATABASE, "holder");
         RelayStream waiter = relay.session(RelayHarness.DATABASE, "waiter")) {
      // 1. The holder pins the only connection; the waiter's simple query waits.
      holder.query("BEGIN");
      waiter.send(new Query("SELECT 'never runs'"));
      assertThat(waiter.poll(300)).isNull();

      // 2. The driver cancels: the wait is abandoned, 57014, ReadyForQuery I.
      assertThat(cancel(relay, "waiter")).isTrue();
      List<BackendMessage> cancelled = waiter.untilReady();
      assertThat(cancelled).hasSize(2);
      assertThat(error(cancelled).sqlState()).isEqualTo("57014");
      assertThat(status(cancelled)).isEqualTo(TransactionStatus.IDLE);

      // 3. An extended batch waiting is abandoned up to its Sync.
      waiter.send(new Parse("", "SELECT 2", new int[0]), new Bind("", "", new short[0], List.of(), new short[0]),
          new Execute("", 0), Sync.INSTANCE);
      assertThat(waiter.poll(300)).isNull();
      assertThat(cancel(relay, "waiter")).isTrue();
      assertThat(waiter.untilReady()).hasSize(2);

      // 4. Once the holder commits, the waiter's session works.
      holder.query("COMMIT");
      assertThat(show(waiter, "'usable'")).isEqualTo("usable");
    }
  }

  private static boolean cancel(RelayHarness relay, String sessionId) {
    return relay.blocking().cancel(CancelRequest.newBuilder().setDatabase(RelayHarness.DATABASE)
        .setSessionId(sessionId).build()).getDelivered();
  }
}
