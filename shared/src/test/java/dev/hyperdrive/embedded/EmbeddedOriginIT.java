package dev.hyperdrive.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hyperdrive.testing.PostgresExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.PSQLException;

/** pgjdbc against the shared embedded origin: each role logs in with the method its pg_hba line demands. */
@ExtendWith(PostgresExtension.class)
class EmbeddedOriginIT {

  private final EmbeddedOrigin origin;

  EmbeddedOriginIT(EmbeddedOrigin origin) {
    this.origin = origin;
  }

  @ParameterizedTest(name = "{0} logs in with {1}")
  @CsvSource({
      "hyperdrive,     scram-sha-256",
      "md5_user,       md5",
      "cleartext_user, password",
  })
  void eachRoleAuthenticatesWithItsMethod(String user, String method) throws SQLException {
    // SYSTEM_USER (PostgreSQL 16+) reports the pg_hba method that actually authenticated this session.
    assertThat(queryAs(user, user, "SELECT system_user")).isEqualTo(method + ":" + user);
  }

  @ParameterizedTest(name = "{0} with a wrong password is refused with 28P01")
  @ValueSource(strings = {"hyperdrive", "md5_user", "cleartext_user"})
  void wrongPasswordIsRefused(String user) {
    assertThatThrownBy(() -> queryAs(user, "not-" + user, "SELECT 1"))
        .isInstanceOf(PSQLException.class)
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("28P01");
  }

  @Test
  void passwordsAreStoredAsTheFixtureDocuments() throws SQLException {
    assertThat(storedPassword(EmbeddedOrigin.USER)).startsWith("SCRAM-SHA-256$");
    assertThat(storedPassword(EmbeddedOrigin.CLEARTEXT_USER)).startsWith("SCRAM-SHA-256$");
    assertThat(storedPassword(EmbeddedOrigin.MD5_USER)).startsWith("md5").hasSize(35);
  }

  @Test
  void mainUserIsSuperuserAndOwnsTheDatabase() throws SQLException {
    assertThat(queryAs(origin.user(), origin.password(),
        "SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).isEqualTo("t");
    assertThat(queryAs(origin.user(), origin.password(),
        "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()"))
        .isEqualTo(EmbeddedOrigin.USER);
  }

  @Test
  void initdbSuperuserIsNoLongerTrusted() {
    // Under a trust line any password would do; the final rules check it, and postgres has none stored.
    assertThatThrownBy(() -> queryAs("postgres", "anything", "SELECT 1"))
        .isInstanceOf(PSQLException.class)
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("28P01");
  }

  @Test
  void urlsPointAtTheServer() {
    String hostPort = "127.0.0.1:" + origin.port();
    assertThat(origin.url()).isEqualTo("postgres://hyperdrive:hyperdrive@" + hostPort + "/hyperdrive");
    assertThat(origin.jdbcUrl()).isEqualTo("jdbc:postgresql://" + hostPort + "/hyperdrive");
    assertThat(origin.toString()).doesNotContain(":" + origin.password() + "@");
  }

  private String storedPassword(String role) throws SQLException {
    return queryAs(origin.user(), origin.password(),
        "SELECT rolpassword FROM pg_authid WHERE rolname = '" + role + "'");
  }

  private String queryAs(String user, String password, String sql) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    properties.setProperty("sslmode", "disable");
    try (Connection connection = DriverManager.getConnection(origin.jdbcUrl(), properties);
      Statement statement = connection.createStatement();
      ResultSet result = statement.executeQuery(sql)) {
      assertThat(result.next()).isTrue();
      return result.getString(1);
    }
  }
}
