package dev.hyperdrive.embedded;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the embedded origin's roles and database over the bootstrap superuser's trusted loopback connection,
 * then locks the door: installs the password-only pg_hba.conf and reloads it.
 *
 * <p>Uses plain {@code java.sql} against the {@link DataSource} zonky hands out, so shared's main code does not
 * compile against pgjdbc (zonky brings it at runtime).
 */
final class OriginBootstrap {

  private static final Logger log = LoggerFactory.getLogger(OriginBootstrap.class);

  /** SQLSTATE 28P01: the server asked for a password and the one given was wrong. */
  private static final String INVALID_PASSWORD = "28P01";
  private static final long RELOAD_TIMEOUT_NANOS = 10_000_000_000L;

  private OriginBootstrap() {
  }

  static void createRoles(DataSource postgresDatabase) throws SQLException {
    try (Connection connection = postgresDatabase.getConnection();
      Statement sql = connection.createStatement()) {
      // Each statement alone: CREATE DATABASE refuses to run inside the implicit transaction of a batch.
      sql.execute("SET password_encryption = 'scram-sha-256'");
      sql.execute("CREATE ROLE " + EmbeddedOrigin.USER + " SUPERUSER LOGIN PASSWORD "
          + literal(EmbeddedOrigin.PASSWORD));
      sql.execute("CREATE DATABASE " + EmbeddedOrigin.DATABASE + " OWNER " + EmbeddedOrigin.USER);
      // hba 'password' sends the cleartext password; the server checks it against any stored form.
      sql.execute("CREATE ROLE " + EmbeddedOrigin.CLEARTEXT_USER + " LOGIN PASSWORD "
          + literal(EmbeddedOrigin.CLEARTEXT_PASSWORD));
      // hba 'md5' only issues an MD5 challenge when the stored password is MD5; otherwise it upgrades to SCRAM.
      sql.execute("SET password_encryption = 'md5'");
      sql.execute("CREATE ROLE " + EmbeddedOrigin.MD5_USER + " LOGIN PASSWORD "
          + literal(EmbeddedOrigin.MD5_PASSWORD));
    }
    log.debug("created roles {}, {}, {} and database {}", EmbeddedOrigin.USER, EmbeddedOrigin.MD5_USER,
        EmbeddedOrigin.CLEARTEXT_USER, EmbeddedOrigin.DATABASE);
  }

  /** pg_stat_statements' views live in the database that ran CREATE EXTENSION. */
  static void createPgStatStatements(DataSource hyperdriveDatabase) throws SQLException {
    try (Connection connection = hyperdriveDatabase.getConnection();
      Statement sql = connection.createStatement()) {
      sql.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    }
  }

  /** Asks the running server to reread pg_hba.conf, after checking it parsed cleanly (a bad line is skipped). */
  static void reloadHba(DataSource postgresDatabase) throws SQLException {
    try (Connection connection = postgresDatabase.getConnection();
      Statement sql = connection.createStatement()) {
      try (ResultSet errors = sql.executeQuery(
          "SELECT line_number, error FROM pg_hba_file_rules WHERE error IS NOT NULL")) {
        if (errors.next()) {
          throw new IllegalStateException("pg_hba.conf line " + errors.getInt(1) + ": " + errors.getString(2));
        }
      }
      try (ResultSet reloaded = sql.executeQuery("SELECT pg_reload_conf()")) {
        if (!reloaded.next() || !reloaded.getBoolean(1)) {
          throw new IllegalStateException("pg_reload_conf() did not signal the postmaster");
        }
      }
    }
  }

  /**
   * Reload is a signal, so it takes effect a moment later; waiting until the password-less superuser is refused
   * makes {@link EmbeddedOrigin#start} return only once every login needs a password.
   */
  static void awaitBootstrapUserRefused(DataSource postgresWithAnyPassword)
      throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + RELOAD_TIMEOUT_NANOS;
    while (true) {
      // Trust ignores the password; once the final rules apply, the server checks it and finds none stored.
      try (Connection stillTrusted = postgresWithAnyPassword.getConnection()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("pg_hba.conf reload did not take effect within 10 s");
        }
      } catch (SQLException refused) {
        if (INVALID_PASSWORD.equals(refused.getSQLState())) {
          return;
        }
        throw refused;
      }
      Thread.sleep(20);
    }
  }

  private static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
