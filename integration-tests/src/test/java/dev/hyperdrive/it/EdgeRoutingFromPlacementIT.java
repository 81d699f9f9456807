package dev.hyperdrive.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.config.ConfigNode;
import dev.hyperdrive.edge.EdgeConfig;
import dev.hyperdrive.edge.EdgeServer;
import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.endpoint.EndpointConfig;
import dev.hyperdrive.endpoint.EndpointServer;
import dev.hyperdrive.placement.PlacementConfigFile;
import dev.hyperdrive.placement.PlacementServer;
import dev.hyperdrive.proto.placement.CreateDatabaseRequest;
import dev.hyperdrive.proto.placement.EdgeCredentials;
import dev.hyperdrive.proto.placement.GetPlacementRequest;
import dev.hyperdrive.proto.placement.PlacementControlGrpc;
import dev.hyperdrive.proto.placement.PlacementStatus;
import dev.hyperdrive.proto.placement.SiteRanking;
import dev.hyperdrive.proto.probe.OriginSettings;
import dev.hyperdrive.testing.PostgresExtension;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge learns a database created through placement (its edge-issued credentials and ranking) and
 * routes its sessions to the best-ranked endpoint, fails over down the ranking when that endpoint goes
 * away, returns when it is back, and keeps serving from its last catalog while placement is down. Real
 * PlacementServer (from its YAML file), two real EndpointServers measured by real probes, a real edge,
 * the real embedded PostgreSQL and pgjdbc.
 */
@ExtendWith(PostgresExtension.class)
class EdgeRoutingFromPlacementIT {
  private static final String DATABASE = "appdb";
  private static final Duration FAILOVER_BOUND = Duration.ofSeconds(5);

  @TempDir Path directory;
  private final Map<String, EndpointServer> endpoints = new HashMap<>();
  private final Map<String, Integer> endpointPorts = new HashMap<>();
  private PlacementServer placement;
  private ManagedChannel control;
  private EdgeServer edge;

  @AfterEach
  void stopEverything() {
    if (edge != null) {
      edge.close(Duration.ofSeconds(1));
    }
    if (control != null) {
      control.shutdownNow();
    }
    if (placement != null) {
      placement.close();
    }
    endpoints.values().forEach(EndpointServer::close);
  }

  @Test
  void sessionsFollowThePlacementRankingFailOverAndSurviveAPlacementOutage(EmbeddedOrigin origin) throws Exception {
    startEndpoint("site-a", 0, origin);
    startEndpoint("site-b", 0, origin);
    startPlacement();
    edge = EdgeServer.start(EdgeConfig.from(ConfigNode.parse(String.join("\n",
        "site: it-edge",
        "region: local",
        "listen: 127.0.0.1:0",
        "placement: 127.0.0.1:" + placement.port(),
        "endpoints:",
        "  - {name: site-a, region: local, address: '127.0.0.1:" + endpointPorts.get("site-a") + "'}",
        "  - {name: site-b, region: local, address: '127.0.0.1:" + endpointPorts.get("site-b") + "'}"),
        "edge.yaml", Map.of())));
    assertThat(edge.databases().names()).as("nothing created yet").isEmpty();

    EdgeCredentials credentials = stub().createDatabase(CreateDatabaseRequest.newBuilder().setName(DATABASE)
        .setOrigin(OriginSettings.newBuilder().setHost(origin.host()).setPort(origin.port()).setUser(origin.user())
            .setPassword(origin.password()).setDatabase(origin.database()))
        .build()).getDatabase().getEdgeCredentials();
    assertThat(credentials.getPassword()).isNotEqualTo(origin.password());
    List<String> ranking = awaitRanking().getRanking().getSitesList().stream().map(SiteRanking::getSite).toList();
    assertThat(ranking).containsExactlyInAnyOrder("site-a", "site-b");
    await(() -> edge.databases().database(DATABASE).map(d -> d.endpoints().equals(ranking)).orElse(false),
        "the edge learned the database with placement's ranking " + ranking);
    String best = ranking.get(0);
    String next = ranking.get(1);

    assertThat(servingEndpoint(credentials)).as("sessions go to the best-ranked site").isEqualTo(best);
    assertThat(servingEndpoint(credentials)).isEqualTo(best);

    int bestPort = endpointPorts.get(best);
    endpoints.remove(best).close();
    long downAt = System.nanoTime();
    String servedBy = null;
    while (servedBy == null) {
      assertThat(Duration.ofNanos(System.nanoTime() - downAt)).as("a new session succeeds within 5 s")
          .isLessThan(FAILOVER_BOUND);
      servedBy = tryServingEndpoint(credentials);
    }
    assertThat(servedBy).isEqualTo(next);
    assertThat(servingEndpoint(credentials)).isEqualTo(next);

    startEndpoint(best, bestPort, origin);
    long upAt = System.nanoTime();
    while (!best.equals(tryServingEndpoint(credentials))) {
      assertThat(Duration.ofNanos(System.nanoTime() - upAt)).as("preference restored once it is back")
          .isLessThan(FAILOVER_BOUND);
      Thread.sleep(50);
    }

    control.shutdownNow();
    placement.close();
    placement = null;
    assertThat(servingEndpoint(credentials)).as("placement down: the last catalog still serves").isEqualTo(best);
  }

  private void startEndpoint(String site, int port, EmbeddedOrigin origin) {
    String yaml = """
        site: %s
        listen: 127.0.0.1:%d
        databases:
          - name: %s
            origin: {host: %s, port: %d, user: %s, password: '${ORIGIN_PASSWORD}', database: %s, sslmode: disable}
            pool: {default_pool_size: 4}
        """.formatted(site, port, DATABASE, origin.host(), origin.port(), origin.user(), origin.database());
    EndpointServer server = EndpointServer.start(EndpointConfig.from(
        ConfigNode.parse(yaml, "endpoint.yaml", Map.of("ORIGIN_PASSWORD", origin.password()))));
    endpoints.put(site, server);
    endpointPorts.put(site, server.port());
  }

  private void startPlacement() throws Exception {
    Path config = Files.writeString(directory.resolve("placement.yaml"), String.join("\n",
        "listen: 127.0.0.1:0",
        "data_dir: " + directory.resolve("data"),
        "sites:",
        "  - {name: site-a, region: local, address: '127.0.0.1:" + endpointPorts.get("site-a") + "'}",
        "  - {name: site-b, region: local, address: '127.0.0.1:" + endpointPorts.get("site-b") + "'}",
        "placement: {samples: 2, interval: 1h, connect_timeout: 5s}"));
    placement = PlacementServer.start(PlacementConfigFile.load(config));
    control = NettyChannelBuilder.forAddress("127.0.0.1", placement.port()).usePlaintext().build();
  }

  private PlacementControlGrpc.PlacementControlBlockingStub stub() {
    return PlacementControlGrpc.newBlockingStub(control).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  private PlacementStatus awaitRanking() throws InterruptedException {
    PlacementStatus[] status = new PlacementStatus[1];
    await(() -> {
      status[0] = stub().getPlacement(GetPlacementRequest.newBuilder().setDatabase(DATABASE).build());
      return status[0].hasRanking() && !status[0].hasRun();
    }, "the first ranking");
    return status[0];
  }

  /** Runs one session through the edge and says which endpoint held its relay stream. */
  private String servingEndpoint(EdgeCredentials credentials) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + edge.port() + "/"
        + DATABASE + "?sslmode=disable", credentials.getUser(), credentials.getPassword());
         Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery("SELECT 41 + 1")) {
      rows.next();
      assertThat(rows.getInt(1)).isEqualTo(42);
      List<String> serving = endpoints.entrySet().stream().filter(entry -> entry.getValue().openSessions() > 0)
          .map(Map.Entry::getKey).toList();
      assertThat(serving).as("exactly one endpoint holds the session").hasSize(1);
      return serving.get(0);
    }
  }

  private String tryServingEndpoint(EdgeCredentials credentials) {
    try {
      return servingEndpoint(credentials);
    } catch (SQLException endpointGone) {
      return null;
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
