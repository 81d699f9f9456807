package dev.hyperdrive.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** A private server (not the shared one) started with extra options, then closed and cleaned up. */
class EmbeddedOriginOptionsIT {

  @Test
  void extraSettingsApplyAndCloseDeletesTheDataDirectory() throws SQLException {
    Path dataDirectory;
    try (EmbeddedOrigin origin = EmbeddedOrigin.start(EmbeddedOriginOptions.defaults()
        .withSetting("max_connections", "37")
        .withPgStatStatements())) {
      dataDirectory = origin.dataDirectory();
      assertThat(dataDirectory).isDirectory();
      try (Connection connection = DriverManager.getConnection(origin.jdbcUrl(), origin.user(), origin.password());
        Statement sql = connection.createStatement()) {
        assertThat(single(sql, "SHOW max_connections")).isEqualTo("37");
        assertThat(single(sql, "SHOW password_encryption")).isEqualTo("scram-sha-256");
        sql.execute("SELECT 'counted by pg_stat_statements'");
        assertThat(single(sql, "SELECT count(*) FROM pg_stat_statements "
            + "WHERE query LIKE 'SELECT $1%'")).isNotEqualTo("0");
      }
    }
    assertThat(Files.exists(dataDirectory)).isFalse();
  }

  private static String single(Statement sql, String query) throws SQLException {
    try (ResultSet result = sql.executeQuery(query)) {
      assertThat(result.next()).isTrue();
      return result.getString(1);
    }
  }
}
