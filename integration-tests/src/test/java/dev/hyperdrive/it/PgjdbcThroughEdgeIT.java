package dev.hyperdrive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.testing.PostgresExtension;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** pgjdbc through edge and endpoint: what an application does on an ordinary day. */
@ExtendWith(PostgresExtension.class)
class PgjdbcThroughEdgeIT {
  private static RelayStack stack;

  @BeforeAll
  static void startStack(EmbeddedOrigin origin) throws SQLException {
    stack = RelayStack.start(origin, 4);
    try (Connection c = stack.connectOrigin(); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS jdbc_items");
      s.execute("CREATE TABLE jdbc_items (id int PRIMARY KEY, name text NOT NULL)");
    }
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void simpleQueryReturnsRows() throws SQLException {
    try (Connection c = stack.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT g, 'row ' || g FROM generate_series(1, 1000) g")) {
      int rows = 0;
      while (rs.next()) {
        rows++;
        assertThat(rs.getString(2)).isEqualTo("row " + rs.getInt(1));
      }
      assertThat(rows).isEqualTo(1000);
    }
  }

  @Test
  void extendedQueryCarriesCommonTypesAsText() throws SQLException {
    try (Connection c = stack.connect()) {
      assertCommonTypesRoundTrip(c);
    }
  }

  @Test
  void binaryTransferCarriesCommonTypesInsideOneTransaction() throws SQLException {
    // prepareThreshold=-1 makes pgjdbc prepare server-side at once and use binary formats; a transaction
    // keeps the named statement on one pooled connection (replay across connections is the pooler's job).
    try (Connection c = DriverManager.getConnection(stack.jdbcUrl("prepareThreshold=-1&binaryTransfer=true"),
        RelayStack.USER, RelayStack.PASSWORD)) {
      c.setAutoCommit(false);
      assertCommonTypesRoundTrip(c);
      c.commit();
    }
  }

  private static void assertCommonTypesRoundTrip(Connection c) throws SQLException {
    UUID uuid = UUID.randomUUID();
    LocalDateTime timestamp = LocalDateTime.of(2026, 11, 27, 13, 14, 15, 123456000);
    byte[] bytes = {0, 1, 2, (byte) 0xFF};
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT ?::int4, ?::int8, ?::text, ?::numeric, ?::bool, ?::timestamp, ?::date, ?::uuid, ?::bytea,"
            + " ?::float8, ?::int4[], ?::text IS NULL")) {
      ps.setInt(1, -42);
      ps.setLong(2, 9_000_000_000L);
      ps.setString(3, "héllo, wörld");
      ps.setBigDecimal(4, new BigDecimal("12345.6789"));
      ps.setBoolean(5, true);
      ps.setTimestamp(6, Timestamp.valueOf(timestamp));
      ps.setObject(7, LocalDate.of(2024, 2, 29));
      ps.setObject(8, uuid);
      ps.setBytes(9, bytes);
      ps.setDouble(10, 2.5e-3);
      ps.setArray(11, c.createArrayOf("int4", new Integer[] {1, 2, 3}));
      ps.setString(12, null);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(-42);
        assertThat(rs.getLong(2)).isEqualTo(9_000_000_000L);
        assertThat(rs.getString(3)).isEqualTo("héllo, wörld");
        assertThat(rs.getBigDecimal(4)).isEqualByComparingTo("12345.6789");
        assertThat(rs.getBoolean(5)).isTrue();
        assertThat(rs.getTimestamp(6).toLocalDateTime()).isEqualTo(timestamp);
        assertThat(rs.getObject(7, LocalDate.class)).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(rs.getObject(8)).isEqualTo(uuid);
        assertThat(rs.getBytes(9)).containsExactly(bytes);
        assertThat(rs.getDouble(10)).isEqualTo(2.5e-3);
        assertThat((Integer[]) rs.getArray(11).getArray()).containsExactly(1, 2, 3);
        assertThat(rs.getBoolean(12)).isTrue();
        assertThat(rs.next()).isFalse();
      }
    }
  }

  @Test
  void batchInsertsEveryRow() throws SQLException {
    try (Connection c = stack.connect()) {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO jdbc_items VALUES (?, ?)")) {
        for (int i = 1000; i < 1500; i++) {
          ps.setInt(1, i);
          ps.setString(2, "batch " + i);
          ps.addBatch();
        }
        int[] counts = ps.executeBatch();
        assertThat(counts).hasSize(500).containsOnly(1);
      }
      try (Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT count(*) FROM jdbc_items WHERE id BETWEEN 1000 AND 1499")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(500);
      }
    }
  }

  @Test
  void commitKeepsAndRollbackDiscards() throws SQLException {
    try (Connection c = stack.connect(); Connection observer = stack.connect()) {
      c.setAutoCommit(false);
      insert(c, 1, "rolled back");
      assertThat(countById(c, 1)).as("own uncommitted write is visible").isEqualTo(1);
      assertThat(countById(observer, 1)).as("uncommitted write is invisible to others").isZero();
      c.rollback();
      assertThat(countById(observer, 1)).isZero();

      insert(c, 2, "committed");
      c.commit();
      assertThat(countById(observer, 2)).isEqualTo(1);
    }
  }

  @Test
  void errorsAreReportedAndTheConnectionRecovers() throws SQLException {
    try (Connection c = stack.connect(); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("SELECT 1/0"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22012"));
      try (ResultSet rs = s.executeQuery("SELECT 7")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(7);
      }

      c.setAutoCommit(false);
      assertThatThrownBy(() -> s.execute("SELECT * FROM no_such_table"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42P01"));
      assertThatThrownBy(() -> s.execute("SELECT 1"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25P02"));
      c.rollback();
      try (ResultSet rs = s.executeQuery("SELECT 8")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(8);
      }
    }
  }

  private static void insert(Connection c, int id, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO jdbc_items VALUES (?, ?)")) {
      ps.setInt(1, id);
      ps.setString(2, name);
      ps.executeUpdate();
    }
  }

  private static int countById(Connection c, int id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM jdbc_items WHERE id = ?")) {
      ps.setInt(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
