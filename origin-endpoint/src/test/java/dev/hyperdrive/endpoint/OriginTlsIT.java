package dev.hyperdrive.endpoint;

import static dev.hyperdrive.endpoint.RelaySessionIT.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.embedded.EmbeddedOriginOptions;
import dev.hyperdrive.endpoint.config.OriginConfig;
import dev.hyperdrive.endpoint.config.PoolSettings;
import dev.hyperdrive.endpoint.config.SslMode;
import dev.hyperdrive.wire.backend.DataRow;
import dev.hyperdrive.wire.backend.ErrorResponse;
import dev.hyperdrive.wire.frontend.Query;
import io.grpc.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sslmode require / verify-ca / verify-full against an origin with a certificate for "localhost". */
class OriginTlsIT {
  @TempDir
  static Path certificates;
  private static EmbeddedOrigin origin;

  @BeforeAll
  static void startTlsOrigin() throws Exception {
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=test-ca",
        "-keyout", "ca.key", "-out", "ca.pem");
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=other-ca",
        "-keyout", "other-ca.key", "-out", "other-ca.pem");
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
        "-keyout", "server.key", "-out", "server.csr");
    Files.writeString(certificates.resolve("san.ext"), "subjectAltName=DNS:localhost\n");
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
        "-days", "2", "-extfile", "san.ext", "-out", "server.pem");
    Files.setPosixFilePermissions(certificates.resolve("server.key"), PosixFilePermissions.fromString("rw-------"));
    origin = EmbeddedOrigin.start(EmbeddedOriginOptions.defaults()
        .withSetting("ssl", "on")
        .withSetting("ssl_cert_file", certificates.resolve("server.pem").toString())
        .withSetting("ssl_key_file", certificates.resolve("server.key").toString()));
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
    assertEncrypted(tls(origin.host(), SslMode.VERIFY_CA, certificates.resolve("ca.pem")));
  }

  @Test
  void verifyFullAcceptsTheRightHostName() throws Exception {
    assertEncrypted(tls("localhost", SslMode.VERIFY_FULL, certificates.resolve("ca.pem")));
  }

  @Test
  void verifyFullRefusesAHostNameTheCertificateDoesNotName() throws Exception {
    assertRefused(tls("127.0.0.1", SslMode.VERIFY_FULL, certificates.resolve("ca.pem")));
  }

  @Test
  void verifyCaRefusesAnotherCa() throws Exception {
    assertRefused(tls(origin.host(), SslMode.VERIFY_CA, certificates.resolve("other-ca.pem")));
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

  private static void openssl(String... arguments) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).directory(certificates.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("openssl %s: %s", arguments[0], output).isZero();
  }
}
