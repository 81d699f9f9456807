package dev.hyperdrive.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.wire.frontend.SslRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With {@code tls} configured the edge answers SSLRequest with 'S' and speaks TLS from then on. */
class EdgeTlsTest {
  @TempDir
  static Path certificates;
  private static EdgeTestStack stack;

  @BeforeAll
  static void start() throws Exception {
    stack = EdgeTestStack.start(Optional.of(TestCertificates.selfSigned(certificates)));
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void sslRequestIsAnsweredWithS() throws Exception {
    try (RawPgClient client = new RawPgClient(stack.port())) {
      client.send(SslRequest.INSTANCE);
      assertThat(client.readByte()).isEqualTo('S');
    }
  }

  @Test
  void pgjdbcLogsInAndQueriesOverTls() throws Exception {
    try (Connection c = stack.connect(EdgeTestStack.SCRAM_DB, EdgeTestStack.SCRAM_USER, EdgeTestStack.SCRAM_PASSWORD,
        "sslmode=require")) {
      assertThat(EdgeHandshakeTest.selectOne(c)).isEqualTo(1);
    }
  }

  @Test
  void plaintextDriversStillConnect() throws Exception {
    try (Connection c = stack.connect()) {
      assertThat(EdgeHandshakeTest.selectOne(c)).isEqualTo(1);
    }
  }
}
