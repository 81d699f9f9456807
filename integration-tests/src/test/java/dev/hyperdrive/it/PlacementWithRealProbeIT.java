package dev.hyperdrive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hyperdrive.config.HostPort;
import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.endpoint.EndpointConfig;
import dev.hyperdrive.endpoint.EndpointServer;
import dev.hyperdrive.placement.OriginFailures;
import dev.hyperdrive.placement.PlacementConfigFile;
import dev.hyperdrive.placement.PlacementServer;
import dev.hyperdrive.proto.placement.CreateDatabaseReply;
import dev.hyperdrive.proto.placement.CreateDatabaseRequest;
import dev.hyperdrive.proto.placement.GetPlacementRequest;
import dev.hyperdrive.proto.placement.ListDatabasesRequest;
import dev.hyperdrive.proto.placement.PlacementControlGrpc;
import dev.hyperdrive.proto.placement.PlacementStatus;
import dev.hyperdrive.proto.placement.SiteRanking;
import dev.hyperdrive.proto.probe.FailureKind;
import dev.hyperdrive.proto.probe.OriginSettings;
import dev.hyperdrive.testing.PostgresExtension;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Placement, started from its YAML file as in production, validates and measures a new database
 * through a real endpoint site's Probe (Netty gRPC on a loopback port), which really connects to the
 * embedded PostgreSQL: a wrong password fails create at once and saves nothing; the right settings are
 * saved and the placement run ranks the site with the average of its measured set-ups.
 */
@ExtendWith(PostgresExtension.class)
class PlacementWithRealProbeIT {
  private static final String SITE = "site-a";
  private static final int SAMPLES = 3;
  private static EndpointServer endpoint;

  @TempDir Path directory;
  private PlacementServer placement;
  private ManagedChannel channel;

  @BeforeAll
  static void startEndpointSite() {
    endpoint = EndpointServer.start(new EndpointConfig(SITE, new HostPort("127.0.0.1", 0), List.of()));
  }

  @AfterAll
  static void stopEndpointSite() {
    endpoint.close();
  }

  @BeforeEach
  void startPlacement() throws Exception {
    Path config = Files.writeString(directory.resolve("placement.yaml"), String.join("\n",
        "listen: 127.0.0.1:0",
        "data_dir: " + directory.resolve("data"),
        "sites:",
        "  - {name: " + SITE + ", region: local, address: '127.0.0.1:" + endpoint.port() + "'}",
        "placement: {samples: " + SAMPLES + ", interval: 1h, connect_timeout: 5s}"));
    placement = PlacementServer.start(PlacementConfigFile.load(config));
    channel = NettyChannelBuilder.forAddress("127.0.0.1", placement.port()).usePlaintext().build();
  }

  @AfterEach
  void stopPlacement() {
    channel.shutdownNow();
    placement.close();
  }

  @Test
  void aWrongPasswordFailsCreateAtOnceAndSavesNothing(EmbeddedOrigin origin) throws Exception {
    long startedAt = System.nanoTime();

    assertThatThrownBy(() -> create(origin(origin).setPassword("wrong")))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
          assertThat(e.getStatus().getDescription()).contains("the origin rejected user 'hyperdrive'")
              .contains("SQLSTATE 28P01: password authentication failed for user \"hyperdrive\"");
          assertThat(e.getTrailers().get(OriginFailures.FAILURE_TRAILER).getKind())
              .isEqualTo(FailureKind.BAD_CREDENTIALS);
        });

    assertThat((System.nanoTime() - startedAt) / 1_000_000).as("fails at once, in ms").isLessThan(5_000);
    assertThat(control().listDatabases(ListDatabasesRequest.getDefaultInstance()).getDatabasesCount())
        .as("databases in the registry").isZero();
    assertThat(directory.resolve("data/databases")).isEmptyDirectory();
  }

  @Test
  void theRightSettingsAreSavedAndTheSiteIsRankedByItsMeasuredSetUps(EmbeddedOrigin origin) throws Exception {
    CreateDatabaseReply created = create(origin(origin));

    assertThat(created.getValidatedFromSite()).isEqualTo(SITE);
    assertThat(created.getServerVersion()).isEqualTo(serverVersion(origin));
    assertThat(created.getValidationSetupMicros()).isBetween(200L, 5_000_000L);
    assertThat(control().listDatabases(ListDatabasesRequest.getDefaultInstance()).getDatabasesList())
        .extracting(database -> database.getName()).containsExactly("appdb");

    PlacementStatus status = awaitRanking("appdb");
    assertThat(status.getRanking().getSitesList()).hasSize(1);
    SiteRanking site = status.getRanking().getSites(0);
    assertThat(site.getSite()).isEqualTo(SITE);
    assertThat(site.getRegion()).isEqualTo("local");
    assertThat(site.getSuccessfulSetups()).isEqualTo(SAMPLES);
    assertThat(site.getFailedSetups()).isZero();
    assertThat(site.hasFailure()).isFalse();
    assertThat(site.getAverageSetupMillis()).as("average set-up, ms").isBetween(0.2, 5_000.0);
  }

  private CreateDatabaseReply create(OriginSettings.Builder origin) {
    return control().createDatabase(CreateDatabaseRequest.newBuilder().setName("appdb").setOrigin(origin).build());
  }

  private PlacementControlGrpc.PlacementControlBlockingStub control() {
    return PlacementControlGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  private PlacementStatus awaitRanking(String database) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      PlacementStatus status = control().getPlacement(GetPlacementRequest.newBuilder().setDatabase(database).build());
      if (status.hasRanking() && !status.hasRun()) {
        return status;
      }
      assertThat(System.nanoTime()).as("ranking of %s within 30 s: %s", database, status).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static OriginSettings.Builder origin(EmbeddedOrigin origin) {
    return OriginSettings.newBuilder()
        .setHost(origin.host())
        .setPort(origin.port())
        .setUser(origin.user())
        .setPassword(origin.password())
        .setDatabase(origin.database());
  }

  private static String serverVersion(EmbeddedOrigin origin) throws Exception {
    try (Connection connection = DriverManager.getConnection(origin.jdbcUrl(), origin.user(), origin.password());
         Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery("SHOW server_version")) {
      rows.next();
      return rows.getString(1);
    }
  }
}
