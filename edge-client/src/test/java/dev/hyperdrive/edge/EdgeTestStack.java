package dev.hyperdrive.edge;

import dev.hyperdrive.auth.AuthMethod;
import dev.hyperdrive.config.HostPort;
import dev.hyperdrive.edge.cache.CacheSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/** An edge in this JVM relaying to a {@link ScriptedRelayServer}, with one database per auth method. */
final class EdgeTestStack implements AutoCloseable {
  static final String SCRAM_DB = "appdb";
  static final String SCRAM_USER = "app";
  static final String SCRAM_PASSWORD = "app-secret";
  static final String MD5_DB = "md5db";
  static final String MD5_USER = "md5user";
  static final String MD5_PASSWORD = "md5-secret";
  static final String CLEARTEXT_DB = "cleardb";
  static final String CLEARTEXT_USER = "clearuser";
  static final String CLEARTEXT_PASSWORD = "clear-secret";

  final ScriptedRelayServer endpoint;
  final EdgeServer edge;

  private EdgeTestStack(ScriptedRelayServer endpoint, EdgeServer edge) {
    this.endpoint = endpoint;
    this.edge = edge;
  }

  static EdgeTestStack start() {
    return start(Optional.empty());
  }

  static EdgeTestStack start(Optional<EdgeConfig.Tls> tls) {
    ScriptedRelayServer endpoint = ScriptedRelayServer.start();
    try {
      return new EdgeTestStack(endpoint, EdgeServer.start(config(endpoint.port(), tls)));
    } catch (RuntimeException e) {
      endpoint.close();
      throw e;
    }
  }

  static EdgeConfig config(int endpointPort, Optional<EdgeConfig.Tls> tls) {
    List<String> endpoints = List.of("scripted");
    // These tests are about relaying: a scripted endpoint must see every request, so no result caching.
    CacheSettings cache = CacheSettings.DISABLED;
    return new EdgeConfig("test-edge", new HostPort("127.0.0.1", 0), tls,
        List.of(new EdgeConfig.Endpoint("scripted", new HostPort("127.0.0.1", endpointPort))),
        List.of(
            new EdgeConfig.Database(SCRAM_DB, SCRAM_USER, SCRAM_PASSWORD, AuthMethod.SCRAM_SHA_256, endpoints,
                cache),
            new EdgeConfig.Database(MD5_DB, MD5_USER, MD5_PASSWORD, AuthMethod.MD5, endpoints, cache),
            new EdgeConfig.Database(CLEARTEXT_DB, CLEARTEXT_USER, CLEARTEXT_PASSWORD,
                AuthMethod.CLEARTEXT, endpoints, cache)));
  }

  int port() {
    return edge.port();
  }

  String jdbcUrl(String database, String properties) {
    return "jdbc:postgresql://127.0.0.1:" + edge.port() + "/" + database + "?" + properties;
  }

  Connection connect(String database, String user, String password, String properties) throws SQLException {
    Properties info = new Properties();
    info.setProperty("user", user);
    info.setProperty("password", password);
    return DriverManager.getConnection(jdbcUrl(database, properties), info);
  }

  /** The SCRAM database with plain settings: no TLS, pgjdbc's default extended protocol. */
  Connection connect() throws SQLException {
    return connect(SCRAM_DB, SCRAM_USER, SCRAM_PASSWORD, "sslmode=disable");
  }

  RawPgClient rawCleartext() throws Exception {
    return RawPgClient.connectCleartext(port(), CLEARTEXT_USER, CLEARTEXT_DB, CLEARTEXT_PASSWORD);
  }

  @Override
  public void close() {
    try {
      edge.close(java.time.Duration.ofSeconds(2));
    } finally {
      endpoint.close();
    }
  }
}
