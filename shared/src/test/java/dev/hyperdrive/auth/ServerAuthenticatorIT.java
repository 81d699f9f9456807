package dev.hyperdrive.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** pgjdbc, a real driver, logs in to our server half with each method; wrong passwords get 28P01. */
class ServerAuthenticatorIT {
  static Stream<Arguments> methods() {
    return Stream.of(
        Arguments.of(AuthMethod.SCRAM_SHA_256, ScramCredential.fromPassword("pencil")),
        Arguments.of(AuthMethod.MD5, Md5Secret.fromPassword("alice", "pencil")),
        Arguments.of(AuthMethod.CLEARTEXT, new PlainPassword("pencil")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("methods")
  void pgjdbcLogsInWithTheRightPassword(AuthMethod method, UserSecret secret) throws Exception {
    try (TestLoginServer server = new TestLoginServer(method, "alice", secret);
        Connection connection = DriverManager.getConnection(server.jdbcUrl(), credentials("alice", "pencil"))) {
      assertThat(connection.getMetaData().getDatabaseProductVersion()).isEqualTo("17.0");
      assertThat(server.nextOutcome())
          .isEqualTo(new TestLoginServer.Outcome("alice", "00000", "authenticated with " + method));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("methods")
  void pgjdbcIsRefusedWithAWrongPassword(AuthMethod method, UserSecret secret) throws Exception {
    try (TestLoginServer server = new TestLoginServer(method, "alice", secret)) {
      assertThatExceptionOfType(SQLException.class)
          .isThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), credentials("alice", "crayon")))
          .satisfies(e -> {
            assertThat(e.getSQLState()).isEqualTo("28P01");
            assertThat(e.getMessage()).contains("password authentication failed for user \"alice\"");
          });
      assertThat(server.nextOutcome().sqlState()).isEqualTo("28P01");
    }
  }

  @Test
  void pgjdbcWithAnUnknownUserGetsTheSameAnswerAsAWrongPassword() throws Exception {
    try (TestLoginServer server =
        new TestLoginServer(AuthMethod.SCRAM_SHA_256, "alice", ScramCredential.fromPassword("pencil"))) {
      assertThatExceptionOfType(SQLException.class)
          .isThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), credentials("mallory", "pencil")))
          .satisfies(e -> {
            assertThat(e.getSQLState()).isEqualTo("28P01");
            assertThat(e.getMessage()).contains("password authentication failed for user \"mallory\"");
          });
    }
  }

  private static Properties credentials(String user, String password) {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    properties.setProperty("connectTimeout", "10");
    // pgjdbc then sends application_name in the StartupMessage instead of a SET query after ReadyForQuery,
    // which this login-only server would not answer.
    properties.setProperty("assumeMinServerVersion", "9.0");
    return properties;
  }
}
