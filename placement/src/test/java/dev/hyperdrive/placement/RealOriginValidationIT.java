package dev.hyperdrive.placement;

import static dev.hyperdrive.placement.DatabaseLifecycleTest.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.proto.placement.CreateDatabaseReply;
import dev.hyperdrive.proto.placement.CreateDatabaseRequest;
import dev.hyperdrive.proto.placement.ListDatabasesRequest;
import dev.hyperdrive.proto.placement.SiteRanking;
import dev.hyperdrive.proto.probe.FailureKind;
import dev.hyperdrive.proto.probe.OriginSettings;
import dev.hyperdrive.proto.probe.SslMode;
import dev.hyperdrive.testing.PostgresExtension;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * create against a real PostgreSQL, through a Probe that really connects ({@link JdbcProbe}): a
 * wrong password, an unknown database, a closed port and an unresolvable host each fail at once
 * with their own status and advice, and the registry stays empty.
 */
@ExtendWith(PostgresExtension.class)
class RealOriginValidationIT {

  @TempDir Path dataDir;
  EmbeddedOrigin postgres;
  PlacementHarness harness;

  @BeforeEach
  void start(EmbeddedOrigin postgres) {
    this.postgres = postgres;
    harness = new PlacementHarness(dataDir, false, site -> new JdbcProbe(site.name()), "local/here");
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void theRightSettingsAreSavedAndMeasured() throws InterruptedException {
    CreateDatabaseReply reply = create(origin -> origin);

    assertThat(reply.getValidatedFromSite()).isEqualTo("local");
    assertThat(reply.getServerVersion()).startsWith("17");
    assertThat(reply.getValidationSetupMicros()).isPositive();
    SiteRanking local = harness.awaitRanking("appdb").getRanking().getSites(0);
    assertThat(local.getSuccessfulSetups()).isEqualTo(PlacementHarness.SAMPLES);
    assertThat(local.getAverageSetupMillis()).isPositive();
  }

  @Test
  void anMd5UserIsAcceptedToo() {
    assertThat(create(origin -> origin.setUser(EmbeddedOrigin.MD5_USER).setPassword(EmbeddedOrigin.MD5_PASSWORD))
        .getDatabase().getName()).isEqualTo("appdb");
  }

  @Test
  void aWrongPasswordIsBadCredentials() {
    assertRefused(origin -> origin.setPassword("wrong"), Status.Code.PERMISSION_DENIED, FailureKind.BAD_CREDENTIALS,
        "the origin rejected user 'hyperdrive' (SQLSTATE 28P01: password authentication failed for user \"hyperdrive\")");
  }

  @Test
  void anUnknownDatabaseIsNamed() {
    assertRefused(origin -> origin.setDatabase("nosuchdb"), Status.Code.NOT_FOUND, FailureKind.UNKNOWN_DATABASE,
        "database 'nosuchdb' does not exist on the origin at 127.0.0.1:" + postgres.port()
            + " (SQLSTATE 3D000: database \"nosuchdb\" does not exist)");
  }

  @Test
  void aClosedPortIsConnectionRefused() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    assertRefused(origin -> origin.setPort(closedPort), Status.Code.FAILED_PRECONDITION,
        FailureKind.CONNECTION_REFUSED, "connection to 127.0.0.1:" + closedPort + " refused from site local");
  }

  @Test
  void anUnresolvableHostIsBadHostname() {
    // .invalid never resolves (RFC 6761).
    assertRefused(origin -> origin.setHost("no-such-host.invalid"), Status.Code.INVALID_ARGUMENT,
        FailureKind.BAD_HOSTNAME, "cannot resolve host 'no-such-host.invalid' from site local");
  }

  @Test
  void askingForTlsFromAServerWithoutItIsTlsFailed() {
    assertRefused(origin -> origin.setSslmode(SslMode.SSL_MODE_REQUIRE), Status.Code.FAILED_PRECONDITION,
        FailureKind.TLS_FAILED, "check sslmode, that the server has ssl = on");
  }

  private void assertRefused(UnaryOperator<OriginSettings.Builder> change, Status.Code code, FailureKind kind,
      String message) {
    long startedAt = System.nanoTime();
    assertThatThrownBy(() -> create(change)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
      assertThat(e.getStatus().getCode()).isEqualTo(code);
      assertThat(e.getStatus().getDescription()).contains(message);
      assertThat(e.getTrailers().get(OriginFailures.FAILURE_TRAILER).getKind()).isEqualTo(kind);
    });
    assertThat((System.nanoTime() - startedAt) / 1_000_000).as("fails at once, in ms").isLessThan(5_000);
    assertThat(harness.control().listDatabases(ListDatabasesRequest.getDefaultInstance()).getDatabasesCount())
        .as("registry unchanged").isZero();
    assertStatus(() -> harness.control().getPlacement(
        dev.hyperdrive.proto.placement.GetPlacementRequest.newBuilder().setDatabase("appdb").build()),
        Status.Code.NOT_FOUND, "no database named 'appdb'");
  }

  private CreateDatabaseReply create(UnaryOperator<OriginSettings.Builder> change) {
    OriginSettings.Builder origin = OriginSettings.newBuilder()
        .setHost(postgres.host())
        .setPort(postgres.port())
        .setUser(postgres.user())
        .setPassword(postgres.password())
        .setDatabase(postgres.database());
    return harness.control().createDatabase(CreateDatabaseRequest.newBuilder()
        .setName("appdb")
        .setOrigin(change.apply(origin))
        .build());
  }
}
