package dev.hyperdrive.endpoint;

import static dev.hyperdrive.endpoint.RelaySessionIT.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.endpoint.config.OriginConfig;
import dev.hyperdrive.endpoint.config.PoolSettings;
import dev.hyperdrive.endpoint.config.SslMode;
import dev.hyperdrive.wire.backend.DataRow;
import dev.hyperdrive.wire.backend.ErrorResponse;
import dev.hyperdrive.wire.frontend.Query;
import io.grpc.Status;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sslmode require / verify-ca / verify-full against an origin with a certificate for "localhost". */
class OriginTlsIT {
  @TempDir
  static Path certificates;
  private static TlsOrigin fixture;
  private static EmbeddedOrigin origin;

  @BeforeAll
  static void startTlsOrigin() throws Exception {
    fixture = TlsOrigin.createCertificates(certificates);
    origin = fixture.startOrigin();
  }

  @AfterAll
  static void stopTlsOrigin() {
    if (origin != null) {
      origin.close();
    }
  }

  @Test
  void requireEncryptsWithoutCheckingTheCertificate() throws Exception {
    assertEncrypted(tls(origin.host(), SslMode.REQUIRE, null));
  }

  @Test
  void verifyCaAcceptsACertificateFromTheGivenCa() throws Exception {
    assertEncrypted(tls(origin.host(), SslMode.VERIFY_CA, fixture.ca()));
  }

  @Test
  void verifyFullAcceptsTheRightHostName() throws Exception {
    assertEncrypted(tls("localhost", SslMode.VERIFY_FULL, fixture.ca()));
  }

  @Test
  void verifyFullRefusesAHostNameTheCertificateDoesNotName() throws Exception {
    assertRefused(tls("127.0.0.1", SslMode.VERIFY_FULL, fixture.ca()));
  }

  @Test
  void verifyCaRefusesAnotherCa() throws Exception {
    assertRefused(tls(origin.host(), SslMode.VERIFY_CA, fixture.otherCa()));
  }

  private static OriginConfig tls(String host, SslMode mode, Path rootCert) {
    return new OriginConfig(host, origin.port(), origin.user(), origin.password(), origin.database(), mode, rootCert);
  }

  private static void assertEncrypted(OriginConfig config) throws Exception {
    try (RelayHarness relay = RelayHarness.start(origin, config, PoolSettings.DEFAULTS);
         RelayStream session = relay.session()) {
      List<?> reply = session.query("SELECT ssl::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()");
      assertThat(text((DataRow) reply.get(1), 0)).isEqualTo("true");
    }
  }

  private static void assertRefused(OriginConfig config) throws Exception {
    try (RelayHarness relay = RelayHarness.start(origin, config, PoolSettings.DEFAULTS);
         RelayStream session = relay.session()) {
      session.send(new Query("SELECT 1"));
      ErrorResponse error = session.nextError();
      assertThat(error.sqlState()).isEqualTo("08001");
      assertThat(error.message()).contains("TLS").contains(config.sslMode().configName());
      assertThat(session.awaitEnd().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    }
  }
}
