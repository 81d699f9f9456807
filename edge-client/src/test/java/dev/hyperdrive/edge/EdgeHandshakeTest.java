package dev.hyperdrive.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hyperdrive.wire.backend.AuthenticationCleartextPassword;
import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.backend.CommandComplete;
import dev.hyperdrive.wire.backend.ErrorResponse;
import dev.hyperdrive.wire.backend.NegotiateProtocolVersion;
import dev.hyperdrive.wire.frontend.GssEncRequest;
import dev.hyperdrive.wire.frontend.PasswordMessage;
import dev.hyperdrive.wire.frontend.Query;
import dev.hyperdrive.wire.frontend.SslRequest;
import dev.hyperdrive.wire.frontend.StartupMessage;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/** The whole handshake is answered by the edge; pgjdbc and raw bytes check each outcome. */
class EdgeHandshakeTest {
  private static EdgeTestStack stack;

  @BeforeAll
  static void start() {
    stack = EdgeTestStack.start();
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void scramLoginReportsTheOriginsParametersAndRunsAQuery() throws SQLException {
    try (Connection c = stack.connect(EdgeTestStack.SCRAM_DB, EdgeTestStack.SCRAM_USER, EdgeTestStack.SCRAM_PASSWORD,
        "sslmode=disable&assumeMinServerVersion=9.0&ApplicationName=handshake-test")) {
      PGConnection pg = c.unwrap(PGConnection.class);
      assertThat(pg.getParameterStatus("server_version")).isEqualTo("17.2");
      assertThat(pg.getParameterStatus("session_authorization")).isEqualTo("app");
      assertThat(pg.getParameterStatus("application_name")).isEqualTo("handshake-test");
      assertThat(pg.getParameterStatus("DateStyle")).isEqualTo("ISO, MDY");
      assertThat(pg.getParameterStatus("client_encoding")).isEqualTo("UTF8");
      assertThat(pg.getBackendPID()).isPositive();
      assertThat(selectOne(c)).isEqualTo(1);
    }
  }

  @Test
  void md5LoginSucceeds() throws SQLException {
    try (Connection c = stack.connect(EdgeTestStack.MD5_DB, EdgeTestStack.MD5_USER, EdgeTestStack.MD5_PASSWORD,
        "sslmode=disable")) {
      assertThat(selectOne(c)).isEqualTo(1);
    }
  }

  @Test
  void cleartextLoginSucceeds() throws SQLException {
    try (Connection c = stack.connect(EdgeTestStack.CLEARTEXT_DB, EdgeTestStack.CLEARTEXT_USER,
        EdgeTestStack.CLEARTEXT_PASSWORD, "sslmode=disable")) {
      assertThat(selectOne(c)).isEqualTo(1);
    }
  }

  @Test
  void wrongPasswordIsRefusedWith28P01() {
    int relayedBefore = stack.endpoint.received.size();
    for (String[] db : List.of(
        new String[] {EdgeTestStack.SCRAM_DB, EdgeTestStack.SCRAM_USER},
        new String[] {EdgeTestStack.MD5_DB, EdgeTestStack.MD5_USER},
        new String[] {EdgeTestStack.CLEARTEXT_DB, EdgeTestStack.CLEARTEXT_USER})) {
      assertThatThrownBy(() -> stack.connect(db[0], db[1], "wrong", "sslmode=disable"))
          .isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("28P01");
            assertThat(e.getMessage()).contains("password authentication failed for user \"" + db[1] + "\"");
          });
    }
    assertThat(stack.endpoint.received).as("nothing of a refused session reaches the endpoint")
        .hasSize(relayedBefore);
  }

  @Test
  void unknownDatabaseIsRefusedWith3D000() {
    assertThatThrownBy(() -> stack.connect("nosuchdb", EdgeTestStack.SCRAM_USER, EdgeTestStack.SCRAM_PASSWORD,
        "sslmode=disable"))
        .isInstanceOfSatisfying(SQLException.class, e -> {
          assertThat(e.getSQLState()).isEqualTo("3D000");
          assertThat(e.getMessage()).contains("database \"nosuchdb\" does not exist");
        });
  }

  @Test
  void unknownUserIsRefusedWith28000() {
    assertThatThrownBy(() -> stack.connect(EdgeTestStack.SCRAM_DB, "mallory", "x", "sslmode=disable"))
        .isInstanceOfSatisfying(SQLException.class, e -> {
          assertThat(e.getSQLState()).isEqualTo("28000");
          assertThat(e.getMessage()).contains("role \"mallory\" does not exist");
        });
  }

  @Test
  void sslAndGssEncryptionRequestsAreDeclinedWithoutTlsConfigured() throws Exception {
    try (RawPgClient client = new RawPgClient(stack.port())) {
      client.send(SslRequest.INSTANCE);
      assertThat(client.readByte()).isEqualTo('N');
      client.send(GssEncRequest.INSTANCE);
      assertThat(client.readByte()).isEqualTo('N');
      client.send(startup(StartupMessage.PROTOCOL_3_0, Map.of()));
      assertThat(client.readMessage()).isEqualTo(AuthenticationCleartextPassword.INSTANCE);
    }
  }

  @Test
  void garbageOnANewConnectionIsAProtocolViolation() throws Exception {
    try (RawPgClient client = new RawPgClient(stack.port())) {
      client.sendRaw("GET / HTTP/1.1\r\nHost: edge\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      BackendMessage reply = client.readMessage();
      assertThat(reply).isInstanceOf(ErrorResponse.class);
      assertThat(((ErrorResponse) reply).fields().sqlState()).isEqualTo("08P01");
      assertThat(((ErrorResponse) reply).fields().severity()).isEqualTo("FATAL");
      assertThat(client.closedByServer()).isTrue();
    }
  }

  @Test
  void newerMinorVersionAndUnknownProtocolOptionsAreNegotiatedDown() throws Exception {
    try (RawPgClient client = new RawPgClient(stack.port())) {
      client.send(startup(StartupMessage.PROTOCOL_3_0 + 2, Map.of("_pq_.compression", "on")));
      assertThat(client.readMessage()).isEqualTo(new NegotiateProtocolVersion(0, List.of("_pq_.compression")));
      assertThat(client.readMessage()).isEqualTo(AuthenticationCleartextPassword.INSTANCE);
    }
  }

  @Test
  void aQueryPipelinedBehindThePasswordIsAnsweredAfterTheGreeting() throws Exception {
    try (RawPgClient client = new RawPgClient(stack.port())) {
      client.send(startup(StartupMessage.PROTOCOL_3_0, Map.of()));
      assertThat(client.readMessage()).isEqualTo(AuthenticationCleartextPassword.INSTANCE);
      client.send(new PasswordMessage(EdgeTestStack.CLEARTEXT_PASSWORD), new Query("select 1"));
      client.readUntil('Z');
      client.readUntil('D');
      assertThat(client.readMessage()).isEqualTo(new CommandComplete("SELECT 1"));
    }
  }

  private static StartupMessage startup(int version, Map<String, String> extra) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("user", EdgeTestStack.CLEARTEXT_USER);
    parameters.put("database", EdgeTestStack.CLEARTEXT_DB);
    parameters.putAll(extra);
    return new StartupMessage(version, parameters);
  }

  static int selectOne(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
