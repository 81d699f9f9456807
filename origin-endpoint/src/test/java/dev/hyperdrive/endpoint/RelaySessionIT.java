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
import dev.hyperdrive.wire.backend.CommandComplete;
import dev.hyperdrive.wire.backend.DataRow;
import dev.hyperdrive.wire.backend.ParseComplete;
import dev.hyperdrive.wire.backend.RowDescription;
import dev.hyperdrive.wire.frontend.Bind;
import dev.hyperdrive.wire.frontend.Describe;
import dev.hyperdrive.wire.frontend.Execute;
import dev.hyperdrive.wire.frontend.Parse;
import dev.hyperdrive.wire.frontend.Sync;
import dev.hyperdrive.wire.frontend.Target;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Simple and extended queries through one relay session, against the real origin. */
@ExtendWith(PostgresExtension.class)
class RelaySessionIT {
  private RelayHarness relay;

  @BeforeEach
  void start(EmbeddedOrigin origin) {
    relay = RelayHarness.start(origin, PoolSettings.DEFAULTS.withDefaultPoolSize(2));
  }

  @AfterEach
  void stop() {
    relay.close();
  }

  @Test
  void simpleQueryComesBackWhole() throws Exception {
    try (RelayStream session = relay.session()) {
      List<BackendMessage> reply = session.query("SELECT 41 + 1 AS answer");

      assertThat(reply).hasSize(4);
      assertThat(((RowDescription) reply.get(0)).fields().get(0).name()).isEqualTo("answer");
      assertThat(text((DataRow) reply.get(1), 0)).isEqualTo("42");
      assertThat(((CommandComplete) reply.get(2)).tag()).isEqualTo("SELECT 1");
      assertThat(status(reply)).isEqualTo(TransactionStatus.IDLE);
    }
  }

  @Test
  void extendedQueryWithAParameter() throws Exception {
    try (RelayStream session = relay.session()) {
      session.send(new Parse("", "SELECT $1::int * 2", new int[] {23}),
          new Bind("", "", new short[0], List.of("21".getBytes(StandardCharsets.UTF_8)), new short[0]),
          new Describe(Target.PORTAL, ""), new Execute("", 0), Sync.INSTANCE);
      List<BackendMessage> reply = session.untilReady();

      assertThat(reply.get(0)).isEqualTo(ParseComplete.INSTANCE);
      assertThat(reply.get(1)).isEqualTo(BindComplete.INSTANCE);
      assertThat(reply.get(2)).isInstanceOf(RowDescription.class);
      assertThat(text((DataRow) reply.get(3), 0)).isEqualTo("42");
      assertThat(status(reply)).isEqualTo(TransactionStatus.IDLE);
    }
  }

  @Test
  void anErrorLeavesTheSessionUsable() throws Exception {
    try (RelayStream session = relay.session()) {
      // 1. A failing simple query: ErrorResponse 22012, then ReadyForQuery I.
      List<BackendMessage> failed = session.query("SELECT 1 / 0");
      assertThat(error(failed).sqlState()).isEqualTo("22012");
      assertThat(status(failed)).isEqualTo(TransactionStatus.IDLE);

      // 2. A failing extended batch: the origin skips to Sync and answers one ReadyForQuery.
      session.send(new Parse("", "SELEC nonsense", new int[0]),
          new Bind("", "", new short[0], List.of(), new short[0]), new Execute("", 0), Sync.INSTANCE);
      List<BackendMessage> skipped = session.untilReady();
      assertThat(skipped).hasSize(2);
      assertThat(error(skipped).sqlState()).isEqualTo("42601");

      // 3. The next query works.
      assertThat(text((DataRow) session.query("SELECT 'still here'").get(1), 0)).isEqualTo("still here");
    }
  }

  @Test
  void aLargeResultStreamsInBoundedChunks() throws Exception {
    try (RelayStream session = relay.session()) {
      // ~20 MB in 20,000 rows: many EndpointFrames of at most 1 MiB each.
      List<BackendMessage> reply = session.query("SELECT repeat('x', 1000) FROM generate_series(1, 20000)");
      assertThat(reply.stream().filter(m -> m instanceof DataRow).count()).isEqualTo(20_000);
      assertThat(((CommandComplete) reply.get(reply.size() - 2)).tag()).isEqualTo("SELECT 20000");
    }
  }

  @Test
  void theStreamEndsCleanlyWhenTheEdgeHalfCloses() throws Exception {
    RelayStream session = relay.session();
    session.query("SELECT 1");
    session.halfClose();
    assertThat(session.awaitEnd().isOk()).isTrue();
    session.close();
    assertThat(relay.server().openSessions()).isZero();
  }

  static String text(DataRow row, int column) {
    return new String(row.columns().get(column), StandardCharsets.UTF_8);
  }
}
