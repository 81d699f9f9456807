package dev.hyperdrive.endpoint;

import static dev.hyperdrive.endpoint.RelaySessionIT.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.endpoint.config.OriginConfig;
import dev.hyperdrive.endpoint.config.PoolSettings;
import dev.hyperdrive.endpoint.config.SslMode;
import dev.hyperdrive.testing.PostgresExtension;
import dev.hyperdrive.wire.backend.DataRow;
import dev.hyperdrive.wire.backend.ErrorResponse;
import dev.hyperdrive.wire.frontend.Query;
import io.grpc.Status;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a client sees when the origin refuses, is unreachable, or dies under it. */
@ExtendWith(PostgresExtension.class)
class OriginFailuresIT {

  @Test
  void aWrongOriginPasswordReachesTheClientAs28P01(EmbeddedOrigin origin) throws Exception {
    OriginConfig wrong = OriginConfig.plain(origin.host(), origin.port(), origin.user(), "not-the-password",
        origin.database());
    assertConnectFailure(origin, wrong, "28P01", "password authentication failed");
  }

  @Test
  void aMissingOriginDatabaseReachesTheClientAs3D000(EmbeddedOrigin origin) throws Exception {
    OriginConfig missing = OriginConfig.plain(origin.host(), origin.port(), origin.user(), origin.password(),
        "no_such_database");
    assertConnectFailure(origin, missing, "3D000", "no_such_database");
  }

  @Test
  void aRefusedConnectionIs08001(EmbeddedOrigin origin) throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    OriginConfig nowhere = OriginConfig.plain("127.0.0.1", closedPort, "u", "p", "d");
    assertConnectFailure(origin, nowhere, "08001", "127.0.0.1:" + closedPort);
  }

  @Test
  void sslmodeRequireAgainstAnOriginWithoutTlsIs08001(EmbeddedOrigin origin) throws Exception {
    OriginConfig tls = new OriginConfig(origin.host(), origin.port(), origin.user(), origin.password(),
        origin.database(), SslMode.REQUIRE, null);
    assertConnectFailure(origin, tls, "08001", "does not accept TLS");
  }

  @Test
  void md5AndCleartextOriginUsersLogIn(EmbeddedOrigin origin) throws Exception {
    for (String user : new String[] {EmbeddedOrigin.MD5_USER, EmbeddedOrigin.CLEARTEXT_USER}) {
      String password = user.equals(EmbeddedOrigin.MD5_USER) ? EmbeddedOrigin.MD5_PASSWORD : EmbeddedOrigin.CLEARTEXT_PASSWORD;
      OriginConfig config = OriginConfig.plain(origin.host(), origin.port(), user, password, origin.database());
      try (RelayHarness relay = RelayHarness.start(origin, config, PoolSettings.DEFAULTS);
           RelayStream session = relay.session()) {
        assertThat(text((DataRow) session.query("SELECT current_user").get(1), 0)).isEqualTo(user);
      }
    }
  }

  @Test
  void anUnknownDatabaseNameEndsTheStreamWith3D000(EmbeddedOrigin origin) throws Exception {
    try (RelayHarness relay = RelayHarness.start(origin, PoolSettings.DEFAULTS);
         RelayStream session = relay.session("not-configured", "s1")) {
      session.send(new Query("SELECT 1"));
      ErrorResponse error = (ErrorResponse) session.next();
      assertThat(error.sqlState()).isEqualTo("3D000");
      assertThat(error.message()).contains("not-configured");
      assertThat(session.awaitEnd().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }
  }

  @Test
  void anOriginBackendKilledMidQueryEndsTheSessionWithAFatalError(EmbeddedOrigin origin) throws Exception {
    try (RelayHarness relay = RelayHarness.start(origin, PoolSettings.DEFAULTS.withDefaultPoolSize(1))) {
      RelayStream victim = relay.session();
      String pid = text((DataRow) victim.query("SELECT pg_backend_pid()").get(1), 0);
      victim.send(new Query("SELECT pg_sleep(30)"));
      Thread.sleep(300);
      relay.execute("SELECT pg_terminate_backend(" + pid + ")");

      ErrorResponse error = victim.nextError();
      assertThat(error.isFatal()).isTrue();
      assertThat(error.sqlState()).isEqualTo("57P01");
      assertThat(victim.awaitEnd().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      victim.close();

      // The dead connection left the pool; the next session gets a fresh one.
      try (RelayStream next = relay.session()) {
        assertThat(text((DataRow) next.query("SELECT 'fresh'").get(1), 0)).isEqualTo("fresh");
      }
    }
  }

  private static void assertConnectFailure(EmbeddedOrigin origin, OriginConfig config, String sqlState,
      String messagePart) throws Exception {
    PoolSettings quick = PoolSettings.DEFAULTS.withQueryWaitTimeout(Duration.ofSeconds(20));
    try (RelayHarness relay = RelayHarness.start(origin, config, quick);
         RelayStream session = relay.session()) {
      session.send(new Query("SELECT 1"));
      ErrorResponse error = (ErrorResponse) session.next();
      assertThat(error.sqlState()).isEqualTo(sqlState);
      assertThat(error.message()).contains(messagePart);
      assertThat(session.awaitEnd().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    }
  }
}
