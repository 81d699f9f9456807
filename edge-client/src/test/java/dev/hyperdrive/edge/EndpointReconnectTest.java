package dev.hyperdrive.edge;

import static dev.hyperdrive.edge.EdgeRelayTest.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An endpoint that restarts is reconnected in the background, before any session needs it. */
class EndpointReconnectTest {

  @Test
  void theChannelReconnectsWithoutWaitingForASession() throws Exception {
    ScriptedRelayServer first = ScriptedRelayServer.start();
    int port = first.port();
    EdgeServer edge = EdgeServer.start(EdgeTestStack.config(port, Optional.empty()));
    ScriptedRelayServer second = null;
    try {
      awaitTrue(() -> first.transports.get() == 1, "first endpoint connected");
      first.kill();
      second = ScriptedRelayServer.start(port);
      ScriptedRelayServer restarted = second;
      awaitTrue(() -> restarted.transports.get() == 1, "reconnected to the restarted endpoint with no session");
      try (Connection c = java.sql.DriverManager.getConnection(
          "jdbc:postgresql://127.0.0.1:" + edge.port() + "/" + EdgeTestStack.SCRAM_DB + "?sslmode=disable",
          EdgeTestStack.SCRAM_USER, EdgeTestStack.SCRAM_PASSWORD)) {
        assertThat(EdgeHandshakeTest.selectOne(c)).isEqualTo(1);
      }
      assertThat(restarted.transports.get()).isEqualTo(1);
    } finally {
      edge.close(Duration.ofSeconds(1));
      if (second != null) {
        second.close();
      }
    }
  }
}
