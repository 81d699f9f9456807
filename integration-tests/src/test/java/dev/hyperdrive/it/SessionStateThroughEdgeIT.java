package dev.hyperdrive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.testing.PostgresExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;

/**
 * pgjdbc through edge and endpoint with ONE origin connection shared by every client: session settings
 * stay with the client that made them, refused features say so, COPY and query cancels work.
 */
@ExtendWith(PostgresExtension.class)
class SessionStateThroughEdgeIT {
  private static RelayStack stack;

  @BeforeAll
  static void startStack(EmbeddedOrigin origin) {
    stack = RelayStack.start(origin, 1);
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void settingsStayWithTheClientThatMadeThem() throws SQLException {
    try (Connection a = DriverManager.getConnection(
             stack.jdbcUrl("prepareThreshold=0&options=-c%20statement_timeout%3D4321"), RelayStack.USER, RelayStack.PASSWORD);
         Connection b = stack.connect()) {
      String defaultZone = value(b, "SHOW TimeZone");
      String defaultPath = value(b, "SHOW search_path");
      assertThat(value(a, "SHOW statement_timeout")).isEqualTo("4321ms");

      execute(a, "SET TIME ZONE 'Asia/Tokyo'");
      execute(a, "SET search_path TO pg_catalog, public");
      assertThat(value(b, "SHOW TimeZone")).isEqualTo(defaultZone);
      assertThat(value(b, "SHOW search_path")).isEqualTo(defaultPath);
      assertThat(value(b, "SHOW statement_timeout")).isEqualTo("0");
      assertThat(value(a, "SHOW TimeZone")).isEqualTo("Asia/Tokyo");
      assertThat(value(a, "SHOW search_path")).isEqualTo("pg_catalog, public");

      a.setAutoCommit(false);
      execute(a, "SET TIME ZONE 'Europe/Lisbon'");
      a.rollback();
      a.setAutoCommit(true);
      assertThat(value(a, "SHOW TimeZone")).isEqualTo("Asia/Tokyo");
    }
  }

  @Test
  void listenAndSessionAdvisoryLocksAreRefusedClearly() throws SQLException {
    try (Connection c = stack.connect()) {
      assertThatThrownBy(() -> execute(c, "LISTEN jobs")).isInstanceOf(PSQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0A000"))
          .hasMessageContaining("LISTEN");
      assertThatThrownBy(() -> value(c, "SELECT pg_advisory_lock(1)"))
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0A000"))
          .hasMessageContaining("pg_advisory_xact_lock");
      assertThat(value(c, "SELECT 'still fine'")).isEqualTo("still fine");
    }
  }

  @Test
  void copyInAndOutThroughCopyManager() throws Exception {
    try (Connection c = stack.connect()) {
      execute(c, "DROP TABLE IF EXISTS jdbc_copy; CREATE TABLE jdbc_copy (id int, name text)");
      long copied = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY jdbc_copy FROM STDIN",
          new ByteArrayInputStream("1\tone\n2\ttwo\n".getBytes(StandardCharsets.UTF_8)));
      assertThat(copied).isEqualTo(2);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY jdbc_copy TO STDOUT", out);
      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("1\tone\n2\ttwo\n");
      assertThatThrownBy(() -> c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY jdbc_copy FROM STDIN",
          new ByteArrayInputStream("3\tthree\nx\tbad\n".getBytes(StandardCharsets.UTF_8))))
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22P02"));
      assertThat(value(c, "SELECT count(*) FROM jdbc_copy")).isEqualTo("2");
    }
  }

  @Test
  void setQueryTimeoutCancelsThroughTheEdge() throws SQLException {
    try (Connection c = stack.connect(); Statement s = c.createStatement()) {
      s.setQueryTimeout(1);
      long started = System.nanoTime();
      assertThatThrownBy(() -> s.execute("SELECT pg_sleep(20)"))
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
      assertThat((System.nanoTime() - started) / 1_000_000_000).isLessThan(10);
      assertThat(value(c, "SELECT 'after cancel'")).isEqualTo("after cancel");
    }
  }

  private static String value(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
