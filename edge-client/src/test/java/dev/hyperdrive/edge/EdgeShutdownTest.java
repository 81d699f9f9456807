package dev.hyperdrive.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Closing the edge stops accepting, ends idle sessions at once and busy ones after the drain period. */
class EdgeShutdownTest {

  @Test
  void idleSessionsGetAdminShutdownAndNewConnectionsAreRefused() throws Exception {
    EdgeTestStack stack = EdgeTestStack.start();
    try (Connection c = stack.connect()) {
      assertThat(EdgeHandshakeTest.selectOne(c)).isEqualTo(1);
      int port = stack.port();
      stack.edge.close(Duration.ofSeconds(5));
      assertThatThrownBy(() -> EdgeHandshakeTest.selectOne(c))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57P01"));
      assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    } finally {
      stack.close();
    }
  }

  @Test
  void aSessionInsideATransactionIsEndedWhenTheDrainPeriodRunsOut() throws Exception {
    EdgeTestStack stack = EdgeTestStack.start();
    try (Connection c = stack.connect(EdgeTestStack.SCRAM_DB, EdgeTestStack.SCRAM_USER, EdgeTestStack.SCRAM_PASSWORD,
        "sslmode=disable&preferQueryMode=simple&assumeMinServerVersion=9.0"); Statement s = c.createStatement()) {
      s.execute("begin");
      long started = System.nanoTime();
      stack.edge.close(Duration.ofMillis(500));
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
      assertThatThrownBy(() -> s.execute("commit"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57P01"));
    } finally {
      stack.close();
    }
  }
}
