package dev.hyperdrive.endpoint;

import static dev.hyperdrive.endpoint.RelayStream.error;
import static dev.hyperdrive.endpoint.RelayStream.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.endpoint.config.PoolSettings;
import dev.hyperdrive.testing.PostgresExtension;
import dev.hyperdrive.wire.TransactionStatus;
import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.backend.BindComplete;
import dev.hyperdrive.wire.backend.DataRow;
import dev.hyperdrive.wire.backend.ErrorResponse;
import dev.hyperdrive.wire.backend.ParseComplete;
import dev.hyperdrive.wire.frontend.Bind;
import dev.hyperdrive.wire.frontend.Execute;
import dev.hyperdrive.wire.frontend.Parse;
import dev.hyperdrive.wire.frontend.Sync;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Features that need a connection of one's own get 0A000 with a message naming the feature and a hint
 * naming the alternative; the session stays usable, and transaction and skip-until-Sync rules hold.
 */
@ExtendWith(PostgresExtension.class)
class UnsupportedFeaturesIT {
  private static final PoolSettings ONE_CONNECTION = PoolSettings.DEFAULTS.withDefaultPoolSize(1);

  @Test
  void sessionScopedFeaturesAreRefusedAndTheSessionGoesOn(EmbeddedOrigin origin) throws Exception {
    try (RelayHarness relay = RelayHarness.start(origin, ONE_CONNECTION);
         RelayStream client = relay.session();
         RelayStream other = relay.session()) {
      assertRefused(client.query("LISTEN jobs"), "LISTEN", "direct connection");
      assertRefused(client.query("UNLISTEN *"), "UNLISTEN", "direct connection");
      assertRefused(client.query("SELECT pg_advisory_lock(42)"), "pg_advisory_lock", "pg_advisory_xact_lock");
      assertRefused(client.query("select pg_try_advisory_lock_shared(1, 2)"), "pg_try_advisory_lock_shared", "xact");
      assertRefused(client.query("CREATE TEMP TABLE scratch (id int)"), "temporary tables", "ON COMMIT DROP");
      assertRefused(client.query("CREATE TEMPORARY VIEW v AS SELECT 1"), "temporary views", "regular view");
      assertRefused(client.query("SELECT 1 AS x INTO TEMP scratch2"), "temporary tables", "ON COMMIT DROP");
      assertThat(RelaySessionIT.text((DataRow) other.query("SELECT 'other client unaffected'").get(1), 0))
          .isEqualTo("other client unaffected");
      assertThat(status(client.query("SELECT 1"))).isEqualTo(TransactionStatus.IDLE);
    }
  }

  @Test
  void statementsBeforeTheRefusedOneRunAndThoseAfterItDoNot(EmbeddedOrigin origin) throws Exception {
    try (RelayHarness relay = RelayHarness.start(origin, ONE_CONNECTION);
         RelayStream client = relay.session()) {
      List<BackendMessage> reply = client.query("SELECT 'before'; LISTEN jobs; SELECT 'after'");
      assertThat(reply.stream().filter(m -> m instanceof DataRow).map(m -> RelaySessionIT.text((DataRow) m, 0)))
          .containsExactly("before");
      assertRefused(reply, "LISTEN", "direct connection");
    }
  }

  @Test
  void aRefusalInsideATransactionAbortsItAsPostgresWould(EmbeddedOrigin origin) throws Exception {
    try (RelayHarness relay = RelayHarness.start(origin, ONE_CONNECTION);
         RelayStream client = relay.session()) {
      client.query("BEGIN");
      List<BackendMessage> refused = client.query("DECLARE held CURSOR WITH HOLD FOR SELECT 1");
      assertRefused(refused, "cursors WITH HOLD", "WITHOUT HOLD");
      assertThat(status(refused)).isEqualTo(TransactionStatus.FAILED);
      assertThat(error(client.query("SELECT 1")).sqlState()).isEqualTo("25P02");
      assertThat(status(client.query("ROLLBACK"))).isEqualTo(TransactionStatus.IDLE);
    }
  }

  @Test
  void theTransactionScopedAlternativesWork(EmbeddedOrigin origin) throws Exception {
    try (RelayHarness relay = RelayHarness.start(origin, ONE_CONNECTION);
         RelayStream client = relay.session()) {
      client.query("BEGIN");
      assertThat(status(client.query("SELECT pg_advisory_xact_lock(42)"))).isEqualTo(TransactionStatus.IN_TRANSACTION);
      assertThat(status(client.query("CREATE TEMP TABLE scratch (id int) ON COMMIT DROP; INSERT INTO scratch VALUES (1)")))
          .isEqualTo(TransactionStatus.IN_TRANSACTION);
      assertThat(status(client.query("DECLARE c CURSOR FOR SELECT id FROM scratch"))).isEqualTo(TransactionStatus.IN_TRANSACTION);
      assertThat(RelaySessionIT.text((DataRow) client.query("FETCH c").get(1), 0)).isEqualTo("1");
      assertThat(status(client.query("COMMIT"))).isEqualTo(TransactionStatus.IDLE);
      assertThat(status(client.query("NOTIFY jobs, 'NOTIFY itself works'"))).isEqualTo(TransactionStatus.IDLE);
    }
  }

  @Test
  void anExtendedProtocolRefusalFollowsSkipUntilSync(EmbeddedOrigin origin) throws Exception {
    try (RelayHarness relay = RelayHarness.start(origin, ONE_CONNECTION);
         RelayStream client = relay.session()) {
      // pgjdbc: Parse with a typed parameter, Bind, Execute, then more work before the Sync.
      client.send(new Parse("", "SELECT pg_advisory_lock($1)", new int[] {20}),
          new Bind("", "", new short[0], List.of("7".getBytes(StandardCharsets.UTF_8)), new short[0]),
          new Execute("", 0),
          new Parse("", "SELECT 'skipped'", new int[0]),
          new Bind("", "", new short[0], List.of(), new short[0]), new Execute("", 0),
          Sync.INSTANCE);
      List<BackendMessage> reply = client.untilReady();
      assertThat(reply).hasSize(4);
      assertThat(reply.get(0)).isEqualTo(ParseComplete.INSTANCE);
      assertThat(reply.get(1)).isEqualTo(BindComplete.INSTANCE);
      assertRefused(reply, "pg_advisory_lock", "pg_advisory_xact_lock");
      assertThat(status(reply)).isEqualTo(TransactionStatus.IDLE);
      assertThat(RelaySessionIT.text((DataRow) client.query("SELECT 'usable'").get(1), 0)).isEqualTo("usable");
    }
  }

  private static void assertRefused(List<BackendMessage> reply, String feature, String hint) {
    ErrorResponse error = error(reply);
    assertThat(error.sqlState()).isEqualTo("0A000");
    assertThat(error.severity()).isEqualTo("ERROR");
    assertThat(error.message()).contains(feature).contains("not supported");
    assertThat(error.fields().get(dev.hyperdrive.wire.backend.Notice.HINT)).contains(hint);
  }
}
