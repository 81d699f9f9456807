package dev.hyperdrive.edge;

import static dev.hyperdrive.edge.EdgeRelayTest.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hyperdrive.proto.relay.CancelRequest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/** Cancel requests reach the right session's endpoint; a dying endpoint is reported, never hidden. */
class EdgeCancelAndFailureTest {
  private EdgeTestStack stack;

  @BeforeEach
  void start() {
    stack = EdgeTestStack.start();
  }

  @AfterEach
  void stop() {
    stack.close();
  }

  @Test
  void cancelReachesTheEndpointWithTheSessionsId() throws Exception {
    try (Connection c = stack.connect(); Statement s = c.createStatement()) {
      CompletableFuture<SQLException> outcome = startSleepingQuery(s);
      String sessionId = stack.endpoint.sessions.keySet().iterator().next();
      s.cancel();
      SQLException cancelled = outcome.get(10, TimeUnit.SECONDS);
      assertThat((Throwable) cancelled).isNotNull();
      assertThat(cancelled.getSQLState()).isEqualTo("57014");
      assertThat(stack.endpoint.cancels).containsExactly(CancelRequest.newBuilder()
          .setDatabase(EdgeTestStack.SCRAM_DB).setSessionId(sessionId).build());
      assertThat(EdgeHandshakeTest.selectOne(c)).as("the session goes on after a cancel").isEqualTo(1);
    }
  }

  @Test
  void cancelWithAKeyTheEdgeDidNotIssueIsIgnoredAndAnsweredWithClose() throws Exception {
    try (Connection c = stack.connect()) {
      int pid = c.unwrap(PGConnection.class).getBackendPID();
      try (RawPgClient canceller = new RawPgClient(stack.port())) {
        canceller.send(new dev.hyperdrive.wire.frontend.CancelRequest(pid, 12345));
        assertThat(canceller.closedByServer()).as("closed without a response").isTrue();
      }
      assertThat(EdgeHandshakeTest.selectOne(c)).isEqualTo(1);
    }
    assertThat(stack.endpoint.cancels).isEmpty();
  }

  @Test
  void endpointDyingMidQueryIsReportedAsLostWork() throws Exception {
    try (Connection c = stack.connect(); Statement s = c.createStatement()) {
      CompletableFuture<SQLException> outcome = startSleepingQuery(s);
      stack.endpoint.kill();
      SQLException lost = outcome.get(10, TimeUnit.SECONDS);
      assertThat((Throwable) lost).isNotNull();
      assertThat(lost.getSQLState()).isEqualTo("08006");
      assertThat(lost.getMessage()).contains("endpoint \"scripted\"").contains("was lost")
          .contains("was not replayed");
      assertThat(c.isValid(1)).isFalse();
    }
  }

  @Test
  void endpointDyingBetweenQueriesClosesTheSessionWith08006() throws Exception {
    try (Connection c = stack.connect()) {
      assertThat(EdgeHandshakeTest.selectOne(c)).isEqualTo(1);
      stack.endpoint.kill();
      assertThatThrownBy(() -> EdgeHandshakeTest.selectOne(c))
          .isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("08006");
            assertThat(e.getMessage()).contains("endpoint \"scripted\"");
          });
    }
  }

  /** Runs a query the endpoint holds until cancelled; returns once the endpoint has it running. */
  private CompletableFuture<SQLException> startSleepingQuery(Statement s) throws InterruptedException {
    CompletableFuture<SQLException> outcome = CompletableFuture.supplyAsync(() -> {
      try {
        s.execute("select pg_sleep(60)");
        return null;
      } catch (SQLException e) {
        return e;
      }
    });
    awaitTrue(() -> stack.endpoint.sessions.values().stream().anyMatch(ScriptedSession::isQueryRunning),
        "the query reached the endpoint");
    return outcome;
  }
}
