package dev.hyperdrive.endpoint.probe;

import static dev.hyperdrive.endpoint.probe.ProbeHarness.settings;
import static dev.hyperdrive.endpoint.probe.ProbeServiceIT.assertFailure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.endpoint.TlsOrigin;
import dev.hyperdrive.proto.probe.ConnectAttempt;
import dev.hyperdrive.proto.probe.FailureKind;
import dev.hyperdrive.proto.probe.OriginSettings;
import dev.hyperdrive.proto.probe.SslMode;
import dev.hyperdrive.proto.probe.ValidateOriginReply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Probe against a real PostgreSQL that serves TLS with a certificate for "localhost" and accepts
 * only encrypted connections (its pg_hba.conf has hostssl lines only): sslmode and the CA sent as PEM
 * text decide the outcome, and a plaintext attempt is reported as TLS_REQUIRED.
 */
class ProbeTlsIT {
  private static final String CA_FILE_PREFIX = "hyperdrive-probe-ca";

  @TempDir
  static Path certificates;
  private static TlsOrigin fixture;
  private static EmbeddedOrigin origin;
  private static ProbeHarness probe;

  @BeforeAll
  static void startTlsOnlyOrigin() throws Exception {
    fixture = TlsOrigin.createCertificates(certificates);
    origin = fixture.startOrigin();
    requireTls(origin);
    probe = new ProbeHarness();
  }

  @AfterAll
  static void stop() {
    if (probe != null) {
      probe.close();
    }
    if (origin != null) {
      origin.close();
    }
  }

  @Test
  void plaintextToAnOriginThatInsistsOnTlsIsTlsRequired() {
    ConnectAttempt attempt = probe.attempt(settings(origin).setSslmode(SslMode.SSL_MODE_DISABLE));

    assertFailure(attempt, FailureKind.TLS_REQUIRED, "no pg_hba.conf entry");
    assertThat(attempt.getFailure().getSqlstate()).isEqualTo("28000");
  }

  @Test
  void requireEncryptsWithoutCheckingTheCertificate() {
    ValidateOriginReply reply = probe.validate(settings(origin).setSslmode(SslMode.SSL_MODE_REQUIRE));

    assertThat(reply.getAttempt().hasFailure()).as("failure: %s", reply.getAttempt().getFailure()).isFalse();
    assertThat(reply.getServerVersion()).isNotEmpty();
  }

  @Test
  void verifyCaAndVerifyFullAcceptTheCaSentAsPemText() throws IOException {
    long caFilesBefore = caFiles();

    assertThat(probe.attempt(verifying(SslMode.SSL_MODE_VERIFY_CA, origin.host(), fixture.ca())).hasFailure())
        .isFalse();
    assertThat(probe.measure(verifying(SslMode.SSL_MODE_VERIFY_FULL, "localhost", fixture.ca()), 3)
        .getAttemptsList()).hasSize(3).allSatisfy(attempt -> assertThat(attempt.hasFailure()).isFalse());
    assertThat(caFiles()).as("temporary CA files left behind").isEqualTo(caFilesBefore);
  }

  @Test
  void aCertificateFromAnotherCaIsTlsFailed() throws IOException {
    assertFailure(probe.attempt(verifying(SslMode.SSL_MODE_VERIFY_CA, origin.host(), fixture.otherCa())),
        FailureKind.TLS_FAILED, "TLS with the origin at " + origin.host() + ":" + origin.port() + " failed");
  }

  @Test
  void verifyFullWithAHostNameTheCertificateDoesNotNameIsTlsFailed() throws IOException {
    assertFailure(probe.attempt(verifying(SslMode.SSL_MODE_VERIFY_FULL, "127.0.0.1", fixture.ca())),
        FailureKind.TLS_FAILED, "sslmode verify-full");
  }

  @Test
  void pemTextThatHoldsNoCertificateIsTlsFailed() {
    assertFailure(probe.attempt(settings(origin).setSslmode(SslMode.SSL_MODE_VERIFY_CA)
            .setCaCertificatePem("-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n")),
        FailureKind.TLS_FAILED, "ca_certificate_pem is not a usable CA certificate");
  }

  private static OriginSettings.Builder verifying(SslMode mode, String host, Path ca) throws IOException {
    return settings(origin).setSslmode(mode).setHost(host).setCaCertificatePem(Files.readString(ca));
  }

  private static long caFiles() throws IOException {
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(file -> file.getFileName().toString().startsWith(CA_FILE_PREFIX)).count();
    }
  }

  /** Turns every pg_hba.conf line into hostssl and reloads; waits until a plaintext login is refused. */
  private static void requireTls(EmbeddedOrigin origin) throws Exception {
    Path hba = origin.dataDirectory().resolve("pg_hba.conf");
    Files.writeString(hba, Files.readString(hba).replaceAll("(?m)^host\\s", "hostssl "));
    try (Connection connection = DriverManager.getConnection(origin.jdbcUrl() + "?sslmode=require",
            origin.user(), origin.password());
         Statement statement = connection.createStatement()) {
      statement.execute("SELECT pg_reload_conf()");
    }
    for (int attempt = 0; attempt < 100; attempt++) {
      try (Connection plaintext = DriverManager.getConnection(origin.jdbcUrl() + "?sslmode=disable",
          origin.user(), origin.password())) {
        Thread.sleep(50);
      } catch (SQLException refused) {
        return;
      }
    }
    throw new AssertionError("the origin still accepts plaintext logins after its pg_hba.conf was made hostssl-only");
  }
}
