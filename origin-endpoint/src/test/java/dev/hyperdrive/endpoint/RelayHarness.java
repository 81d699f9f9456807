package dev.hyperdrive.endpoint;

import dev.hyperdrive.config.HostPort;
import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.endpoint.config.DatabaseConfig;
import dev.hyperdrive.endpoint.config.OriginConfig;
import dev.hyperdrive.endpoint.config.PoolSettings;
import dev.hyperdrive.endpoint.pool.PoolStats;
import dev.hyperdrive.proto.relay.RelayGrpc;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-process endpoint in front of the real embedded PostgreSQL, and the client stubs to drive it. */
final class RelayHarness implements AutoCloseable {
  static final String DATABASE = "appdb";
  private static final AtomicInteger SITES = new AtomicInteger();

  private final EmbeddedOrigin origin;
  private final EndpointServer server;
  private final ManagedChannel channel;
  private int sessions;

  private RelayHarness(EmbeddedOrigin origin, EndpointServer server, ManagedChannel channel) {
    this.origin = origin;
    this.server = server;
    this.channel = channel;
  }

  static RelayHarness start(EmbeddedOrigin origin, PoolSettings pool) {
    return start(origin, OriginConfig.plain(origin.host(), origin.port(), origin.user(), origin.password(),
        origin.database()), pool);
  }

  static RelayHarness start(EmbeddedOrigin origin, OriginConfig originConfig, PoolSettings pool) {
    return start(origin, originConfig, pool, Clock.systemUTC());
  }

  /** An endpoint whose cache entries age by {@code cacheClock}. */
  static RelayHarness start(EmbeddedOrigin origin, PoolSettings pool, Clock cacheClock) {
    return start(origin, OriginConfig.plain(origin.host(), origin.port(), origin.user(), origin.password(),
        origin.database()), pool, cacheClock);
  }

  private static RelayHarness start(EmbeddedOrigin origin, OriginConfig originConfig, PoolSettings pool,
      Clock cacheClock) {
    String name = "endpoint-" + UUID.randomUUID();
    // A site name per harness: pg_stat_activity then tells this endpoint's backends from earlier tests'.
    EndpointConfig config = new EndpointConfig("test-site-" + SITES.incrementAndGet(), new HostPort("127.0.0.1", 0),
        List.of(new DatabaseConfig(DATABASE, originConfig, pool)));
    EndpointServer server = EndpointServer.start(config, InProcessServerBuilder.forName(name), cacheClock);
    return new RelayHarness(origin, server, InProcessChannelBuilder.forName(name).build());
  }

  String applicationName() {
    return "hyperdrive-endpoint " + server.config().site();
  }

  EndpointServer server() {
    return server;
  }

  PoolStats stats() {
    return server.pool(DATABASE).stats();
  }

  /**
   * Waits (up to 5 s) until the pool's stats satisfy {@code expected}: a client sees ReadyForQuery a
   * moment before the session hands the connection back.
   */
  PoolStats awaitStats(java.util.function.Predicate<PoolStats> expected) throws InterruptedException {
    PoolStats stats = stats();
    for (int attempt = 0; attempt < 500 && !expected.test(stats); attempt++) {
      Thread.sleep(10);
      stats = stats();
    }
    return stats;
  }

  RelayStream session() {
    return new RelayStream(channel, DATABASE, "session-" + (++sessions));
  }

  /** A session whose driver sent these StartupMessage parameters. */
  RelayStream session(java.util.Map<String, String> startupParameters) {
    return new RelayStream(channel, DATABASE, "session-" + (++sessions), startupParameters);
  }

  RelayStream session(String database, String sessionId) {
    return new RelayStream(channel, database, sessionId);
  }

  /** A session that runs {@code sql} and counts the result's bytes under manual flow control. */
  CountingStream countingStream(String sql) {
    return new CountingStream(channel, DATABASE, sql);
  }

  RelayGrpc.RelayBlockingStub blocking() {
    return RelayGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  /** A direct pgjdbc connection to the origin, for looking at what the endpoint did there. */
  Connection originJdbc() throws SQLException {
    return DriverManager.getConnection(origin.jdbcUrl(), origin.user(), origin.password());
  }

  /** Origin backends the endpoint has open, as pg_stat_activity sees them. */
  int originConnections() throws SQLException {
    try (Connection c = originJdbc(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = '"
             + applicationName() + "'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  void execute(String sql) throws SQLException {
    try (Connection c = originJdbc(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Override
  public void close() {
    channel.shutdownNow();
    server.close();
  }
}
