package dev.hyperdrive.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.embedded.EmbeddedOrigin;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Tells whether the origin really ran a query: the view {@code <name>_probe} calls a VOLATILE function
 * that takes the next value of the sequence {@code <name>_runs}. The classifier cannot see functions
 * behind a view (a documented limit), so queries on the view are cached; each answer carries the run
 * number it was made by, and the sequence counts the origin's runs.
 */
final class OriginProbe {
  private final EmbeddedOrigin origin;
  private final String name;

  private OriginProbe(EmbeddedOrigin origin, String name) {
    this.origin = origin;
    this.name = name;
  }

  /** (Re)creates the probe's sequence, function and view on the origin. */
  static OriginProbe create(EmbeddedOrigin origin, String name) throws SQLException {
    try (Connection c = DriverManager.getConnection(origin.jdbcUrl(), origin.user(), origin.password());
         Statement s = c.createStatement()) {
      s.execute("DROP VIEW IF EXISTS " + name + "_probe");
      s.execute("DROP FUNCTION IF EXISTS " + name + "_origin_run()");
      s.execute("DROP SEQUENCE IF EXISTS " + name + "_runs");
      s.execute("CREATE SEQUENCE " + name + "_runs");
      s.execute("CREATE FUNCTION " + name + "_origin_run() RETURNS bigint LANGUAGE sql VOLATILE AS $$ SELECT nextval('"
          + name + "_runs') $$");
      s.execute("CREATE VIEW " + name + "_probe AS SELECT " + name + "_origin_run() AS run");
    }
    return new OriginProbe(origin, name);
  }

  /** The simple query that reads the probe. */
  String query() {
    return "SELECT run FROM " + name + "_probe";
  }

  /** How many times the origin has run the probe so far. */
  long runs() throws SQLException {
    try (Connection c = DriverManager.getConnection(origin.jdbcUrl(), origin.user(), origin.password())) {
      return queryLong(c, "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM " + name + "_runs");
    }
  }

  /** The probe's run through the extended protocol, with a parameter that is part of the cache key. */
  long runWithParameter(Connection c, int parameter) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT run, ?::int AS n FROM " + name + "_probe")) {
      ps.setInt(1, parameter);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertThat(rs.getInt(2)).isEqualTo(parameter);
        return rs.getLong(1);
      }
    }
  }

  static long queryLong(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
