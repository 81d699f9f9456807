package dev.hyperdrive.it;

import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.embedded.EmbeddedOriginOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A private origin with pg_stat_statements, for tests that prove what the origin did or did not run. The
 * counts are per query structure (pg_stat_statements ignores constants and column aliases), so tests read
 * their own views or tables to be counted apart.
 */
final class OriginStatementCounts implements AutoCloseable {
  private final EmbeddedOrigin origin;

  private OriginStatementCounts(EmbeddedOrigin origin) {
    this.origin = origin;
  }

  static OriginStatementCounts start() {
    return new OriginStatementCounts(EmbeddedOrigin.start(EmbeddedOriginOptions.defaults().withPgStatStatements()));
  }

  EmbeddedOrigin origin() {
    return origin;
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(origin.jdbcUrl(), origin.user(), origin.password());
  }

  /** How many times the origin ran statements whose normalised text is LIKE {@code pattern}. */
  long calls(String pattern) throws SQLException {
    try (Connection c = connect();
         PreparedStatement ps = c.prepareStatement(
             "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE query LIKE ?")) {
      ps.setString(1, pattern);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Everything the origin ran, with counts: for failure messages. */
  String everything() throws SQLException {
    StringBuilder all = new StringBuilder();
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT calls, query FROM pg_stat_statements ORDER BY query")) {
      while (rs.next()) {
        all.append(rs.getLong(1)).append(' ').append(rs.getString(2).replace('\n', ' ')).append('\n');
      }
    }
    return all.toString();
  }

  @Override
  public void close() {
    origin.close();
  }
}
