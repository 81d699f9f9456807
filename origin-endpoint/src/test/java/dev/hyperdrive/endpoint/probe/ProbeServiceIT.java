package dev.hyperdrive.endpoint.probe;

import static dev.hyperdrive.endpoint.probe.ProbeHarness.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.proto.probe.ConnectAttempt;
import dev.hyperdrive.proto.probe.FailureKind;
import dev.hyperdrive.proto.probe.MeasureConnectReply;
import dev.hyperdrive.proto.probe.MeasureConnectRequest;
import dev.hyperdrive.proto.probe.ProbeGrpc;
import dev.hyperdrive.proto.probe.SslMode;
import dev.hyperdrive.proto.probe.ValidateOriginReply;
import dev.hyperdrive.proto.probe.ValidateOriginRequest;
import dev.hyperdrive.testing.PostgresExtension;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The endpoint's Probe against the real embedded PostgreSQL, called over a real gRPC channel to the
 * endpoint's Netty server: validation reports the server version, measurements run real set-ups one
 * after another, and each way an origin can refuse comes back classified.
 */
@ExtendWith(PostgresExtension.class)
class ProbeServiceIT {
  private static ProbeHarness probe;

  @BeforeAll
  static void startEndpoint() {
    probe = new ProbeHarness();
  }

  @AfterAll
  static void stopEndpoint() {
    probe.close();
  }

  @Test
  void validationOfTheRightSettingsReportsTheServerVersion(EmbeddedOrigin origin) {
    ValidateOriginReply reply = probe.validate(settings(origin));

    assertThat(reply.getSite()).isEqualTo(ProbeHarness.SITE);
    assertThat(reply.getAttempt().hasFailure()).as("failure: %s", reply.getAttempt().getFailure()).isFalse();
    assertThat(reply.getAttempt().getSetupMicros()).isBetween(200L, 5_000_000L);
    assertThat(reply.getServerVersion()).isEqualTo(serverVersion(origin));
  }

  @Test
  void md5AndCleartextUsersValidateToo(EmbeddedOrigin origin) {
    assertThat(probe.attempt(settings(origin).setUser(EmbeddedOrigin.MD5_USER).setPassword(EmbeddedOrigin.MD5_PASSWORD))
        .hasFailure()).isFalse();
    assertThat(probe.attempt(settings(origin).setUser(EmbeddedOrigin.CLEARTEXT_USER)
        .setPassword(EmbeddedOrigin.CLEARTEXT_PASSWORD)).hasFailure()).isFalse();
  }

  @Test
  void measuringRunsTheSamplesOneAfterAnotherAndClosesThemAll(EmbeddedOrigin origin) throws Exception {
    long startedAt = System.nanoTime();
    MeasureConnectReply reply = probe.measure(settings(origin), 7);
    long wallMicros = (System.nanoTime() - startedAt) / 1_000;

    assertThat(reply.getSite()).isEqualTo(ProbeHarness.SITE);
    assertThat(reply.getAttemptsList()).hasSize(7).allSatisfy(attempt -> {
      assertThat(attempt.hasFailure()).as("failure: %s", attempt.getFailure()).isFalse();
      assertThat(attempt.getSetupMicros()).isBetween(200L, 5_000_000L);
    });
    long sum = reply.getAttemptsList().stream().mapToLong(ConnectAttempt::getSetupMicros).sum();
    assertThat(sum).as("set-ups one after another take no longer together than the call").isLessThan(wallMicros);
    assertThat(awaitProbeBackends(origin, 0)).as("probe connections left open at the origin").isZero();
  }

  @Test
  void zeroSamplesMeansFiveAndMoreThanFiftyAreCut(EmbeddedOrigin origin) {
    assertThat(probe.measure(settings(origin), 0).getAttemptsCount()).isEqualTo(ProbeService.DEFAULT_SAMPLES);
    assertThat(probe.measure(settings(origin), 500).getAttemptsList()).hasSize(ProbeService.MAX_SAMPLES)
        .allSatisfy(attempt -> assertThat(attempt.hasFailure()).isFalse());
  }

  @Test
  void aWrongPasswordIsBadCredentials(EmbeddedOrigin origin) {
    ConnectAttempt attempt = probe.attempt(settings(origin).setPassword("wrong"));

    assertFailure(attempt, FailureKind.BAD_CREDENTIALS, "password authentication failed for user \"hyperdrive\"");
    assertThat(attempt.getFailure().getSqlstate()).isEqualTo("28P01");
  }

  @Test
  void anUnknownDatabaseIsUnknownDatabase(EmbeddedOrigin origin) {
    ConnectAttempt attempt = probe.attempt(settings(origin).setDatabase("nosuchdb"));

    assertFailure(attempt, FailureKind.UNKNOWN_DATABASE, "database \"nosuchdb\" does not exist");
    assertThat(attempt.getFailure().getSqlstate()).isEqualTo("3D000");
  }

  @Test
  void aClosedPortIsConnectionRefused(EmbeddedOrigin origin) throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    ConnectAttempt attempt = probe.attempt(settings(origin).setPort(closedPort));

    assertFailure(attempt, FailureKind.CONNECTION_REFUSED, "Connection refused");
    assertThat(attempt.getFailure().getSqlstate()).as("no SQLSTATE: the origin never answered").isEmpty();
  }

  @Test
  void anUnresolvableHostIsBadHostname(EmbeddedOrigin origin) {
    // .invalid never resolves (RFC 6761).
    assertFailure(probe.attempt(settings(origin).setHost("nohost.invalid")), FailureKind.BAD_HOSTNAME,
        "nohost.invalid");
  }

  @Test
  void sslmodeRequireAgainstAServerWithoutTlsIsTlsFailed(EmbeddedOrigin origin) {
    assertFailure(probe.attempt(settings(origin).setSslmode(SslMode.SSL_MODE_REQUIRE)), FailureKind.TLS_FAILED,
        "does not accept TLS, but sslmode is require");
  }

  @Test
  void anOriginThatNeverAnswersIsTimeoutWithinTheRequestedBound(EmbeddedOrigin origin) throws Exception {
    try (SilentOrigin silent = new SilentOrigin()) {
      long startedAt = System.nanoTime();
      ConnectAttempt attempt = probe.probe().validateOrigin(ValidateOriginRequest.newBuilder()
          .setOrigin(settings(origin).setPort(silent.port())).setTimeoutMillis(300).build()).getAttempt();

      assertFailure(attempt, FailureKind.TIMEOUT, "timed out after 300ms");
      assertThat((System.nanoTime() - startedAt) / 1_000_000).as("ms").isBetween(250L, 3_000L);
    }
  }

  @Test
  void aCallerThatGivesUpStopsTheRemainingSamples(EmbeddedOrigin origin) throws Exception {
    try (SilentOrigin silent = new SilentOrigin()) {
      MeasureConnectRequest fiftySlowSamples = MeasureConnectRequest.newBuilder()
          .setOrigin(settings(origin).setPort(silent.port())).setSamples(50).setTimeoutMillis(200).build();

      assertThatThrownBy(() -> ProbeGrpc.newBlockingStub(probe.channel()).withDeadlineAfter(500, TimeUnit.MILLISECONDS)
          .measureConnect(fiftySlowSamples))
          .isInstanceOfSatisfying(StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
      Thread.sleep(1_000);
      assertThat(silent.accepted()).as("set-ups started for a caller that left").isBetween(1, 4);
    }
  }

  @Test
  void settingsThatCannotDescribeAnOriginAreInvalidArgument(EmbeddedOrigin origin) {
    assertInvalid(ValidateOriginRequest.newBuilder().setOrigin(settings(origin).setHost("")).build(), "origin.host");
    assertInvalid(ValidateOriginRequest.newBuilder().setOrigin(settings(origin).setPort(70_000)).build(),
        "origin.port must be between 1 and 65535, got 70000");
    assertInvalid(ValidateOriginRequest.newBuilder().setOrigin(settings(origin).setSslmode(SslMode.SSL_MODE_VERIFY_CA))
        .build(), "sslmode verify-ca needs origin.ca_certificate_pem");
  }

  private static void assertInvalid(ValidateOriginRequest request, String message) {
    assertThatThrownBy(() -> probe.probe().validateOrigin(request)).isInstanceOfSatisfying(StatusRuntimeException.class,
        e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription()).contains(message);
        });
  }

  static void assertFailure(ConnectAttempt attempt, FailureKind kind, String message) {
    assertThat(attempt.hasFailure()).as("the set-up failed").isTrue();
    assertThat(attempt.getFailure().getKind()).as("kind of %s", attempt.getFailure()).isEqualTo(kind);
    assertThat(attempt.getFailure().getMessage()).contains(message);
    assertThat(attempt.getSetupMicros()).isZero();
  }

  private static String serverVersion(EmbeddedOrigin origin) {
    return queryOrigin(origin, "SHOW server_version");
  }

  /** Waits (up to 5 s) for the probe's backends to go; returns how many are left. */
  private static int awaitProbeBackends(EmbeddedOrigin origin, int expected) throws InterruptedException {
    int left = -1;
    for (int i = 0; i < 100 && left != expected; i++) {
      left = Integer.parseInt(queryOrigin(origin, "SELECT count(*) FROM pg_stat_activity WHERE application_name = "
          + "'hyperdrive-endpoint " + ProbeHarness.SITE + "'"));
      Thread.sleep(left == expected ? 0 : 50);
    }
    return left;
  }

  private static String queryOrigin(EmbeddedOrigin origin, String sql) {
    try (Connection connection = DriverManager.getConnection(origin.jdbcUrl(), origin.user(), origin.password());
         Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
