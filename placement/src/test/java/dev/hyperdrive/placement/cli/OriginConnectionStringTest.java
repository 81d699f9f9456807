package dev.hyperdrive.placement.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hyperdrive.proto.probe.OriginSettings;
import dev.hyperdrive.proto.probe.SslMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OriginConnectionStringTest {

  @Test
  void readsEveryPart() {
    OriginSettings origin = OriginConnectionString.parse("postgresql://app%20user:p%2Bss+w%3Ard@db.example.com:6543/my%2Ddb");

    assertThat(origin.getUser()).isEqualTo("app user");
    assertThat(origin.getPassword()).isEqualTo("p+ss+w:rd");
    assertThat(origin.getHost()).isEqualTo("db.example.com");
    assertThat(origin.getPort()).isEqualTo(6543);
    assertThat(origin.getDatabase()).isEqualTo("my-db");
    assertThat(origin.getSslmode()).isEqualTo(SslMode.SSL_MODE_DISABLE);
  }

  @Test
  void defaultsThePortAndUnbracketsIpv6() {
    OriginSettings origin = OriginConnectionString.parse("postgres://app:pw@[::1]/appdb");

    assertThat(origin.getHost()).isEqualTo("::1");
    assertThat(origin.getPort()).isEqualTo(5432);
  }

  @Test
  void readsTheCaFileNamedBySslrootcert(@TempDir Path dir) throws IOException {
    Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");

    OriginSettings origin = OriginConnectionString.parse(
        "postgres://app:pw@db/appdb?sslmode=verify-full&sslrootcert=" + ca);

    assertThat(origin.getSslmode()).isEqualTo(SslMode.SSL_MODE_VERIFY_FULL);
    assertThat(origin.getCaCertificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "mysql://app:pw@db/appdb                     | must start with postgres://",
      "postgres://db/appdb                         | names no user",
      "postgres://app@db/appdb                     | no password for user 'app'",
      "postgres://app:pw@db                        | names no database",
      "postgres://app:pw@db/appdb?sslmode=prefer   | may silently fall back to plaintext",
      "postgres://app:pw@db/appdb?sslmode=strict   | unknown sslmode 'strict'",
      "postgres://app:pw@db/appdb?connect_timeout=3 | 'connect_timeout' is not supported",
      "postgres://app:pw@db/appdb?sslrootcert=/no/such/ca.pem | cannot read sslrootcert /no/such/ca.pem",
      "postgres://app:pw@db_under/appdb           | names no host",
  })
  void refusesWhatCannotWorkWithoutEchoingThePassword(String connectionString, String problem) {
    assertThatThrownBy(() -> OriginConnectionString.parse(connectionString))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(problem)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(":pw"));
  }
}
