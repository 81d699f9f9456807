package dev.hyperdrive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hyperdrive.config.ConfigNode;
import dev.hyperdrive.edge.EdgeConfig;
import dev.hyperdrive.edge.EdgeServer;
import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.endpoint.EndpointConfig;
import dev.hyperdrive.endpoint.EndpointServer;
import dev.hyperdrive.placement.PlacementConfigFile;
import dev.hyperdrive.placement.PlacementServer;
import dev.hyperdrive.proto.placement.CreateDatabaseRequest;
import dev.hyperdrive.proto.placement.DatabaseOptions;
import dev.hyperdrive.proto.placement.DeleteDatabaseRequest;
import dev.hyperdrive.proto.placement.EdgeCredentials;
import dev.hyperdrive.proto.placement.PlacementControlGrpc;
import dev.hyperdrive.proto.probe.OriginSettings;
import dev.hyperdrive.testing.PostgresExtension;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An endpoint whose endpoint.yaml lists no database but names placement serves a database created through
 * placement's control API: a driver connecting through the edge gets answers within a few seconds of the
 * create, with the pool size the create asked for; after a delete the endpoint no longer serves it. An
 * endpoint without placement: is named to the driver (3D000) instead of a vague "no endpoint answered". Real
 * PlacementServer, EndpointServer, EdgeServer, embedded PostgreSQL and pgjdbc.
 */
@ExtendWith(PostgresExtension.class)
class EndpointOriginsFromPlacementIT {
  private static final String DATABASE = "mydb";
  private static final Duration SERVED_WITHIN = Duration.ofSeconds(8);

  @TempDir Path directory;
  private EndpointServer endpoint;
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
    if (endpoint != null) {
      endpoint.close();
    }
  }

  @Test
  void aDatabaseCreatedThroughPlacementIsServedThroughTheEdge(EmbeddedOrigin origin) throws Exception {
    startAll(true);
    assertThat(endpoint.pool(DATABASE)).as("nothing created yet").isNull();

    EdgeCredentials credentials = create(origin);
    long createdAt = System.nanoTime();

    Integer answer = null;
    while (answer == null) {
      assertThat(Duration.ofNanos(System.nanoTime() - createdAt)).as("select 1 through the edge answers soon")
          .isLessThan(SERVED_WITHIN);
      answer = trySelectOne(credentials);
      if (answer == null) {
        Thread.sleep(100);
      }
    }
    assertThat(answer).isEqualTo(1);
    assertThat(endpoint.pool(DATABASE).settings().defaultPoolSize()).as("placement's pool setting").isEqualTo(3);

    stub().deleteDatabase(DeleteDatabaseRequest.newBuilder().setName(DATABASE).build());
    await(() -> endpoint.pool(DATABASE) == null, "the endpoint stops serving the deleted database");
  }

  @Test
  void anEndpointThatDoesNotServeTheDatabaseIsNamedToTheDriver(EmbeddedOrigin origin) throws Exception {
    startAll(false);
    EdgeCredentials credentials = create(origin);

    assertThatThrownBy(() -> DriverManager.getConnection(edgeUrl(), credentials.getUser(), credentials.getPassword()))
        .isInstanceOfSatisfying(SQLException.class, e -> {
          assertThat(e.getSQLState()).isEqualTo("3D000");
          assertThat(e.getMessage()).contains("database \"" + DATABASE + "\" is not served by endpoint \"site-a\" yet");
        });
  }

  /** Endpoint site-a (naming placement in its file when {@code endpointKnowsPlacement}), placement, edge. */
  private void startAll(boolean endpointKnowsPlacement) throws Exception {
    int placementPort = freeLoopbackPort();
    endpoint = EndpointServer.start(EndpointConfig.from(ConfigNode.parse(String.join("\n",
        "site: site-a",
        "listen: 127.0.0.1:0",
        endpointKnowsPlacement ? "placement: 127.0.0.1:" + placementPort : ""), "endpoint.yaml", Map.of())));
    Path config = Files.writeString(directory.resolve("placement.yaml"), String.join("\n",
        "listen: 127.0.0.1:" + placementPort,
        "data_dir: " + directory.resolve("data"),
        "sites:",
        "  - {name: site-a, region: local, address: '127.0.0.1:" + endpoint.port() + "'}",
        "placement: {samples: 1, interval: 1h, connect_timeout: 5s}"));
    placement = PlacementServer.start(PlacementConfigFile.load(config));
    control = NettyChannelBuilder.forAddress("127.0.0.1", placement.port()).usePlaintext().build();
    edge = EdgeServer.start(EdgeConfig.from(ConfigNode.parse(String.join("\n",
        "site: it-edge",
        "region: local",
        "listen: 127.0.0.1:0",
        "placement: 127.0.0.1:" + placementPort,
        "endpoints:",
        "  - {name: site-a, region: local, address: '127.0.0.1:" + endpoint.port() + "'}"),
        "edge.yaml", Map.of())));
  }

  private EdgeCredentials create(EmbeddedOrigin origin) {
    return stub().createDatabase(CreateDatabaseRequest.newBuilder().setName(DATABASE)
        .setOrigin(OriginSettings.newBuilder().setHost(origin.host()).setPort(origin.port()).setUser(origin.user())
            .setPassword(origin.password()).setDatabase(origin.database()))
        .setOptions(DatabaseOptions.newBuilder().setPoolSize(3))
        .build()).getDatabase().getEdgeCredentials();
  }

  private String edgeUrl() {
    return "jdbc:postgresql://127.0.0.1:" + edge.port() + "/" + DATABASE + "?sslmode=disable";
  }

  private Integer trySelectOne(EdgeCredentials credentials) {
    try (Connection connection = DriverManager.getConnection(edgeUrl(), credentials.getUser(),
        credentials.getPassword());
         Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery("select 1")) {
      rows.next();
      return rows.getInt(1);
    } catch (SQLException notYet) {
      return null;
    }
  }

  private PlacementControlGrpc.PlacementControlBlockingStub stub() {
    return PlacementControlGrpc.newBlockingStub(control).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return probe.getLocalPort();
    }
  }
}
