package dev.hyperdrive.edge;

import static dev.hyperdrive.edge.EdgeRelayTest.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.auth.AuthMethod;
import dev.hyperdrive.config.HostPort;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Failover down a database's endpoint order with real gRPC servers: new sessions go to the first
 * endpoint that is up, move to the next within 5 s of the first one dying, and come back once it is
 * connected again.
 */
class EndpointFailoverTest {

  @Test
  void newSessionsMoveToTheNextEndpointWithinFiveSecondsAndReturnWhenTheFirstIsBack() throws Exception {
    ScriptedRelayServer primary = ScriptedRelayServer.start();
    ScriptedRelayServer secondary = ScriptedRelayServer.start();
    int primaryPort = primary.port();
    EdgeServer edge = EdgeServer.start(config(primaryPort, secondary.port()));
    ScriptedRelayServer restarted = null;
    try {
      awaitTrue(() -> primary.transports.get() == 1 && secondary.transports.get() == 1, "both channels connected");
      for (int i = 0; i < 3; i++) {
        runSession(edge);
      }
      assertThat(sessionsOpened(primary)).isEqualTo(3);
      assertThat(sessionsOpened(secondary)).isZero();

      primary.kill();
      long killedAt = System.nanoTime();
      while (!trySession(edge)) {
        assertThat(elapsed(killedAt)).as("a new session succeeds within 5 s of the kill").isLessThan(Duration.ofSeconds(5));
        Thread.sleep(50);
      }
      long servedBySecondary = sessionsOpened(secondary);
      assertThat(servedBySecondary).isEqualTo(1);
      for (int i = 0; i < 3; i++) {
        runSession(edge);
      }
      assertThat(sessionsOpened(secondary)).as("every later session too").isEqualTo(servedBySecondary + 3);

      restarted = ScriptedRelayServer.start(primaryPort);
      ScriptedRelayServer back = restarted;
      awaitTrue(() -> back.transports.get() == 1, "the edge reconnected to the restarted endpoint on its own");
      long backAt = System.nanoTime();
      while (sessionsOpened(back) == 0) {
        assertThat(elapsed(backAt)).as("preference restored once connected").isLessThan(Duration.ofSeconds(5));
        runSession(edge);
      }
      long secondaryBefore = sessionsOpened(secondary);
      runSession(edge);
      assertThat(sessionsOpened(back)).isGreaterThanOrEqualTo(2);
      assertThat(sessionsOpened(secondary)).isEqualTo(secondaryBefore);
    } finally {
      edge.close(Duration.ofSeconds(1));
      secondary.close();
      if (restarted != null) {
        restarted.close();
      }
    }
  }

  private static EdgeConfig config(int primaryPort, int secondaryPort) {
    return new EdgeConfig("test-edge", new HostPort("127.0.0.1", 0), Optional.empty(),
        List.of(new EdgeConfig.Endpoint("primary", new HostPort("127.0.0.1", primaryPort)),
            new EdgeConfig.Endpoint("secondary", new HostPort("127.0.0.1", secondaryPort))),
        List.of(new EdgeConfig.Database(EdgeTestStack.SCRAM_DB, EdgeTestStack.SCRAM_USER,
            EdgeTestStack.SCRAM_PASSWORD, AuthMethod.SCRAM_SHA_256, List.of("primary", "secondary"))));
  }

  private static void runSession(EdgeServer edge) throws SQLException {
    try (Connection connection = connect(edge)) {
      assertThat(EdgeHandshakeTest.selectOne(connection)).isEqualTo(1);
    }
  }

  private static boolean trySession(EdgeServer edge) {
    try {
      runSession(edge);
      return true;
    } catch (SQLException endpointGone) {
      return false;
    }
  }

  private static Connection connect(EdgeServer edge) throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + edge.port() + "/" + EdgeTestStack.SCRAM_DB
        + "?sslmode=disable", EdgeTestStack.SCRAM_USER, EdgeTestStack.SCRAM_PASSWORD);
  }

  private static long sessionsOpened(ScriptedRelayServer server) {
    return server.received.stream().filter(received -> received.open() != null).count();
  }

  private static Duration elapsed(long since) {
    return Duration.ofNanos(System.nanoTime() - since);
  }
}
