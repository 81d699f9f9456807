package dev.hyperdrive.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.testing.RecordingTcpRelay;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * One whole pgjdbc session against the real origin, recorded byte for byte in both directions by a
 * {@link RecordingTcpRelay}: startup, authentication, simple and extended queries (unnamed and
 * named statements), a transaction, errors in both protocols, a notice, COPY in and COPY out.
 */
record RecordedSession(String user, byte[] frontend, byte[] backend) {

  static RecordedSession record(EmbeddedOrigin origin, String user, String password)
      throws IOException, SQLException, InterruptedException {
    try (RecordingTcpRelay relay = RecordingTcpRelay.start(origin.host(), origin.port())) {
      String url = "jdbc:postgresql://127.0.0.1:" + relay.port() + "/" + origin.database();
      try (Connection connection = DriverManager.getConnection(url, properties(user, password))) {
        runWorkload(connection);
      }
      relay.awaitSessionEnd(Duration.ofSeconds(10));
      return new RecordedSession(user, relay.clientToServer(), relay.serverToClient());
    }
  }

  private static Properties properties(String user, String password) {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    // Plain startup: no SSLRequest/GSSENCRequest, so the server's stream is tagged frames throughout.
    properties.setProperty("sslmode", "disable");
    properties.setProperty("gssEncMode", "disable");
    // Statements go out as simple Query messages, PreparedStatements as Parse/Bind/Describe/Execute/Sync.
    properties.setProperty("preferQueryMode", "extendedForPrepared");
    // The second execution of a PreparedStatement switches from the unnamed to a named statement.
    properties.setProperty("prepareThreshold", "2");
    return properties;
  }

  private static void runWorkload(Connection connection) throws SQLException, IOException {
    try (Statement simple = connection.createStatement()) {
      simple.execute("CREATE TEMP TABLE recorded_items (id int PRIMARY KEY, name text)");
      try (ResultSet row = simple.executeQuery("SELECT 1 AS one, 'two' AS two, NULL::text AS nothing")) {
        assertThat(row.next()).isTrue();
        assertThat(row.getString(3)).isNull();
      }
      simple.execute("DO $$ BEGIN RAISE NOTICE 'recorded notice'; END $$");
      assertThatThrownBy(() -> simple.execute("SELECT 1/0"))
          .isInstanceOf(SQLException.class)
          .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22012");
    }

    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO recorded_items VALUES (?, ?)")) {
      for (int id = 1; id <= 3; id++) {
        insert.setInt(1, id);
        insert.setString(2, "item " + id);
        assertThat(insert.executeUpdate()).isEqualTo(1);
      }
    }
    try (PreparedStatement select = connection.prepareStatement("SELECT name FROM recorded_items WHERE id = ?")) {
      for (int id = 1; id <= 3; id++) {
        select.setInt(1, id);
        try (ResultSet row = select.executeQuery()) {
          assertThat(row.next()).isTrue();
          assertThat(row.getString(1)).isEqualTo("item " + id);
        }
      }
    }
    try (PreparedStatement failing = connection.prepareStatement("SELECT ?::int / 0")) {
      failing.setInt(1, 7);
      assertThatThrownBy(failing::executeQuery)
          .isInstanceOf(SQLException.class)
          .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22012");
    }

    connection.setAutoCommit(false);
    try (Statement inTransaction = connection.createStatement()) {
      inTransaction.execute("INSERT INTO recorded_items VALUES (99, 'rolled back')");
    }
    connection.rollback();
    connection.setAutoCommit(true);

    CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
    assertThat(copy.copyIn("COPY recorded_items FROM STDIN", new StringReader("10\tten\n11\televen\n")))
        .isEqualTo(2);
    StringWriter copiedOut = new StringWriter();
    assertThat(copy.copyOut("COPY recorded_items TO STDOUT", copiedOut)).isEqualTo(5);
    assertThat(copiedOut.toString()).contains("1\titem 1\n", "11\televen\n").doesNotContain("rolled back");
  }
}
