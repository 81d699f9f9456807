package dev.hyperdrive.it;

import dev.hyperdrive.config.ConfigNode;
import dev.hyperdrive.edge.EdgeConfig;
import dev.hyperdrive.edge.EdgeServer;
import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.endpoint.EndpointConfig;
import dev.hyperdrive.endpoint.EndpointServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;

/**
 * One edge and one endpoint running in this JVM in front of the real embedded PostgreSQL, configured
 * through the same YAML a user writes. Drivers connect to {@link #url()}; the origin's own credentials
 * stay with the endpoint.
 */
final class RelayStack implements AutoCloseable {
  static final String DATABASE = "appdb";
  static final String USER = "app";
  static final String PASSWORD = "app-secret";

  private final EmbeddedOrigin origin;
  private final EndpointServer endpoint;
  private final EdgeServer edge;
  private final String edgeYaml;
  private final Clock cacheClock;

  private RelayStack(EmbeddedOrigin origin, EndpointServer endpoint, EdgeServer edge, String edgeYaml, Clock cacheClock) {
    this.origin = origin;
    this.endpoint = endpoint;
    this.edge = edge;
    this.edgeYaml = edgeYaml;
    this.cacheClock = cacheClock;
  }

  static RelayStack start(EmbeddedOrigin origin, int poolSize) {
    return start(origin, poolSize, origin.user(), origin.password(), "", Clock.systemUTC(), "");
  }

  /** Edge and endpoint both serve Prometheus metrics ({@code metrics_listen} on a free port). */
  static RelayStack startWithMetrics(EmbeddedOrigin origin, int poolSize) {
    return start(origin, poolSize, origin.user(), origin.password(), "", Clock.systemUTC(),
        "metrics_listen: 127.0.0.1:0\n");
  }

  /** The endpoint logs in to the origin as {@code originUser}, so tests can tell its backends apart. */
  static RelayStack start(EmbeddedOrigin origin, int poolSize, String originUser, String originPassword) {
    return start(origin, poolSize, originUser, originPassword, "", Clock.systemUTC(), "");
  }

  /**
   * A stack whose edge database entry gets {@code databaseYaml} (e.g. a {@code cache:} block, indented
   * to sit under the entry) and whose cache entries, at the edge and at the endpoint, age by {@code cacheClock}.
   */
  static RelayStack start(EmbeddedOrigin origin, int poolSize, String databaseYaml, Clock cacheClock) {
    return start(origin, poolSize, origin.user(), origin.password(), databaseYaml, cacheClock, "");
  }

  private static RelayStack start(EmbeddedOrigin origin, int poolSize, String originUser, String originPassword,
      String databaseYaml, Clock cacheClock, String siteYaml) {
    String endpointYaml = """
        site: it-endpoint
        listen: 127.0.0.1:0
        databases:
          - name: %s
            origin:
              host: %s
              port: %d
              user: %s
              password: ${ORIGIN_PASSWORD}
              database: %s
              sslmode: disable
            pool:
              default_pool_size: %d
              query_wait_timeout: 120s
        """.formatted(DATABASE, origin.host(), origin.port(), originUser, origin.database(), poolSize) + siteYaml;
    EndpointServer endpoint = EndpointServer.start(EndpointConfig.from(
        ConfigNode.parse(endpointYaml, "endpoint.yaml", Map.of("ORIGIN_PASSWORD", originPassword))), cacheClock);
    try {
      String edgeYaml = """
          site: it-edge
          listen: 127.0.0.1:0
          endpoints:
            - name: it-endpoint
              address: 127.0.0.1:%d
          databases:
            - name: %s
              user: %s
              password: %s
          """.formatted(endpoint.port(), DATABASE, USER, PASSWORD) + databaseYaml.indent(4) + siteYaml;
      EdgeServer edge = startEdge(edgeYaml, cacheClock);
      return new RelayStack(origin, endpoint, edge, edgeYaml, cacheClock);
    } catch (RuntimeException e) {
      endpoint.close();
      throw e;
    }
  }

  private static EdgeServer startEdge(String edgeYaml, Clock cacheClock) {
    return EdgeServer.start(EdgeConfig.from(ConfigNode.parse(edgeYaml, "edge.yaml", Map.of())), cacheClock);
  }

  /** Another edge site, configured like the first, in front of the same endpoint; the caller closes it. */
  EdgeServer startAnotherEdge() {
    return startEdge(edgeYaml, cacheClock);
  }

  /** A pgjdbc connection through {@code someEdge}, on unnamed statements as {@link #connect()}. */
  static Connection connect(EdgeServer someEdge) throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + someEdge.port() + "/" + DATABASE
        + "?sslmode=disable&prepareThreshold=0", USER, PASSWORD);
  }

  EmbeddedOrigin origin() {
    return origin;
  }

  EndpointServer endpoint() {
    return endpoint;
  }

  EdgeServer edge() {
    return edge;
  }

  /** Batches of the database the edge answered by itself (known statements prepared without a round trip). */
  long edgeLocalAnswers() {
    return edge.statementMetadata().forDatabase(DATABASE).localAnswers();
  }

  int edgePort() {
    return edge.port();
  }

  /** The connection string a user of the edge puts in a libpq-style driver. */
  String url() {
    return "postgres://" + USER + ":" + PASSWORD + "@127.0.0.1:" + edge.port() + "/" + DATABASE + "?sslmode=disable";
  }

  String jdbcUrl(String extraProperties) {
    String url = "jdbc:postgresql://127.0.0.1:" + edge.port() + "/" + DATABASE + "?sslmode=disable";
    return extraProperties.isEmpty() ? url : url + "&" + extraProperties;
  }

  /** A pgjdbc connection through the edge; prepareThreshold=0 keeps pgjdbc on unnamed statements. */
  Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl("prepareThreshold=0"), USER, PASSWORD);
  }

  /** A pgjdbc connection straight to the origin, for checking what the origin saw. */
  Connection connectOrigin() throws SQLException {
    return DriverManager.getConnection(origin.jdbcUrl(), origin.user(), origin.password());
  }

  @Override
  public void close() {
    try {
      edge.close();
    } finally {
      endpoint.close();
    }
  }
}
