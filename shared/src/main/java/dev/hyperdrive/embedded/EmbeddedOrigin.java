package dev.hyperdrive.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 17 server in a temporary directory: the origin database of the local demo and of every test.
 *
 * <p>It behaves like a production origin where it matters to us: every TCP login needs a password, stored as
 * SCRAM-SHA-256 unless stated otherwise. Three roles exist, each with the password equal to its name:
 * <ul>
 *   <li>{@link #USER} — superuser, owns {@link #DATABASE}, authenticates with SCRAM-SHA-256;</li>
 *   <li>{@link #MD5_USER} — password stored as MD5, pg_hba method {@code md5} (an MD5 challenge);</li>
 *   <li>{@link #CLEARTEXT_USER} — pg_hba method {@code password} (the cleartext exchange).</li>
 * </ul>
 * Runs under root too (zonky starts the server in a user namespace). {@link #close()} stops the server and deletes
 * its data directory.
 */
public final class EmbeddedOrigin implements AutoCloseable {

  public static final String USER = "hyperdrive";
  public static final String PASSWORD = "hyperdrive";
  public static final String DATABASE = "hyperdrive";
  public static final String MD5_USER = "md5_user";
  public static final String MD5_PASSWORD = "md5_user";
  public static final String CLEARTEXT_USER = "cleartext_user";
  public static final String CLEARTEXT_PASSWORD = "cleartext_user";

  private static final Logger log = LoggerFactory.getLogger(EmbeddedOrigin.class);
  /** initdb plus start-up can take a while on a busy two-core CI machine. */
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private final EmbeddedPostgres server;
  private final String host;
  private final Path dataDirectory;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedOrigin(EmbeddedPostgres server, String host, Path dataDirectory) {
    this.server = server;
    this.host = host;
    this.dataDirectory = dataDirectory;
  }

  /** Starts a server on a free port of 127.0.0.1. */
  public static EmbeddedOrigin start() {
    return start(EmbeddedOriginOptions.defaults());
  }

  public static EmbeddedOrigin start(EmbeddedOriginOptions options) {
    Path dataDirectory = createDataDirectory();
    long startedAt = System.nanoTime();
    EmbeddedPostgres server = startServer(options, dataDirectory);
    EmbeddedOrigin origin = new EmbeddedOrigin(server, options.listenAddress(), dataDirectory);
    try {
      origin.bootstrap(options);
    } catch (RuntimeException | SQLException | InterruptedException e) {
      origin.close();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("embedded PostgreSQL started but could not be set up", e);
    }
    log.info("embedded PostgreSQL ready at {} in {} ms (data in {})", origin.redactedUrl(),
        (System.nanoTime() - startedAt) / 1_000_000, dataDirectory);
    return origin;
  }

  private static Path createDataDirectory() {
    try {
      return Files.createTempDirectory("hyperdrive-origin-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory for PostgreSQL", e);
    }
  }

  private static EmbeddedPostgres startServer(EmbeddedOriginOptions options, Path dataDirectory) {
    try {
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
      options.serverSettings().forEach(builder::setServerConfig);
      return builder
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(true)
          .setPort(options.port())
          .setPGStartupWait(STARTUP_TIMEOUT)
          // Runs after initdb, before the first start: the server never runs with initdb's trust-all rules.
          .setDataDirectoryCustomizer(directory -> {
            OriginConfigFiles.appendServerSettings(directory.toPath(), options);
            OriginConfigFiles.writeHba(directory.toPath(), options, true);
          })
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start (data directory " + dataDirectory + ")", e);
    }
  }

  private void bootstrap(EmbeddedOriginOptions options) throws SQLException, InterruptedException {
    OriginBootstrap.createRoles(server.getPostgresDatabase());
    if (options.serverSettings().getOrDefault("shared_preload_libraries", "").contains("pg_stat_statements")) {
      OriginBootstrap.createPgStatStatements(server.getDatabase(OriginConfigFiles.BOOTSTRAP_USER, DATABASE));
    }
    OriginConfigFiles.writeHba(dataDirectory, options, false);
    OriginBootstrap.reloadHba(server.getPostgresDatabase());
    OriginBootstrap.awaitBootstrapUserRefused(server.getPostgresDatabase(Map.of("password", "bootstrap-is-over")));
  }

  /** The address clients connect to. */
  public String host() {
    return host;
  }

  public int port() {
    return server.getPort();
  }

  public String user() {
    return USER;
  }

  public String password() {
    return PASSWORD;
  }

  public String database() {
    return DATABASE;
  }

  /** {@code postgres://hyperdrive:hyperdrive@127.0.0.1:port/hyperdrive}: a libpq-style URL with credentials. */
  public String url() {
    return "postgres://" + USER + ":" + PASSWORD + "@" + hostAndPort() + "/" + DATABASE;
  }

  /** {@code jdbc:postgresql://127.0.0.1:port/hyperdrive}; pass {@link #user()} and {@link #password()} beside it. */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + hostAndPort() + "/" + DATABASE;
  }

  /** The data directory, deleted by {@link #close()}. */
  public Path dataDirectory() {
    return dataDirectory;
  }

  private String hostAndPort() {
    String literal = host.contains(":") ? "[" + host + "]" : host;
    return literal + ":" + port();
  }

  private String redactedUrl() {
    return "postgres://" + USER + "@" + hostAndPort() + "/" + DATABASE;
  }

  /** Stops the server (fast shutdown) and deletes its data directory. Idempotent. */
  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException("could not stop embedded PostgreSQL on port " + port(), e);
    }
    log.info("embedded PostgreSQL on port {} stopped", port());
  }

  @Override
  public String toString() {
    return "EmbeddedOrigin[" + redactedUrl() + "]";
  }
}
