package dev.hyperdrive.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.deploy.Launcher;
import dev.hyperdrive.deploy.LoopbackConfigs;
import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.testing.PostgresExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;

/**
 * DESIGN.md §3 backpressure, end to end and as deployed: the endpoint and the edge run as separate JVMs with
 * a 256 MB heap each, started through the launcher from YAML files, in front of the real PostgreSQL; a 1 GB
 * COPY and a 1 GB SELECT (read with a fetch size) pass through both hops, and both JVMs survive.
 */
@Tag("slow")
@ExtendWith(PostgresExtension.class)
class GigabyteThroughSeparateJvmsIT {

  private static final String DATABASE = "bigdb";
  private static final String USER = "big";
  private static final String EDGE_PASSWORD = "big-secret";
  private static final int ROWS = 1_000_000;
  private static final int ROW_WIDTH = 1000;
  private static final String ROWS_SQL = "SELECT repeat('x', " + ROW_WIDTH + ") FROM generate_series(1, " + ROWS + ")";

  private final List<Process> services = new ArrayList<>();
  private Path dir;
  private int edgePort;

  @BeforeEach
  void startEndpointAndEdge(EmbeddedOrigin origin) throws Exception {
    // Under target/, not a temporary directory: the services' logs are what explains a failure.
    dir = Files.createDirectories(Path.of("target", getClass().getSimpleName()));
    int endpointPort = freePort();
    edgePort = freePort();
    Path endpointYaml = Files.writeString(dir.resolve("endpoint.yaml"), LoopbackConfigs.endpointYaml("big-endpoint",
        endpointPort, DATABASE, new LoopbackConfigs.Origin(origin.host(), origin.port(), origin.user(), origin.database()), 4));
    Path edgeYaml = Files.writeString(dir.resolve("edge.yaml"),
        LoopbackConfigs.edgeYaml("big-edge", edgePort, "big-endpoint", endpointPort, DATABASE, USER));

    Process endpoint = launch("endpoint", endpointYaml, Map.of(LoopbackConfigs.ORIGIN_PASSWORD_VARIABLE, origin.password()));
    awaitListening(endpoint, "endpoint", endpointPort);
    Process edge = launch("edge", edgeYaml, Map.of(LoopbackConfigs.EDGE_PASSWORD_VARIABLE, EDGE_PASSWORD));
    awaitListening(edge, "edge", edgePort);
  }

  @AfterEach
  void stopServices() throws Exception {
    for (Process service : services) {
      service.destroy();
    }
    for (Process service : services) {
      if (!service.waitFor(30, TimeUnit.SECONDS)) {
        service.destroyForcibly();
      }
    }
  }

  @Test
  void aGigabyteCopyAndAGigabyteSelectPassThroughEdgeAndEndpointJvmsOf256MegabytesEach() throws Exception {
    try {
      copyAndSelectAGigabyte();
    } catch (SQLException e) {
      throw new AssertionError(e + "\nendpoint log:\n" + tail(log("endpoint")) + "\nedge log:\n" + tail(log("edge")), e);
    }
  }

  private void copyAndSelectAGigabyte() throws Exception {
    try (Connection connection = connect()) {
      CountingStream copied = new CountingStream();
      long rows = connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + ROWS_SQL + ") TO STDOUT", copied);
      assertThat(rows).isEqualTo(ROWS);
      assertThat(copied.bytes).as("COPY bytes (each row plus its newline)").isEqualTo((long) ROWS * (ROW_WIDTH + 1));
    }
    assertServicesAlive();

    try (Connection connection = connect()) {
      connection.setAutoCommit(false); // a fetch size only streams inside a transaction (a named portal)
      long bytes = 0;
      long rows = 0;
      try (Statement statement = connection.createStatement()) {
        statement.setFetchSize(2000);
        try (ResultSet result = statement.executeQuery(ROWS_SQL)) {
          while (result.next()) {
            bytes += result.getBytes(1).length;
            rows++;
          }
        }
      }
      connection.commit();
      assertThat(rows).isEqualTo(ROWS);
      assertThat(bytes).isEqualTo((long) ROWS * ROW_WIDTH);
    }
    assertServicesAlive();
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + edgePort + "/" + DATABASE + "?sslmode=disable",
        USER, EDGE_PASSWORD);
  }

  /** {@code java -Xmx256m -cp <test classpath> dev.hyperdrive.deploy.Launcher SERVICE --config FILE}. */
  private Process launch(String service, Path config, Map<String, String> environment) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), Launcher.class.getName(), service, "--config", config.toString())
        .redirectOutput(dir.resolve(service + ".out").toFile())
        .redirectError(dir.resolve(service + ".log").toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    services.add(process);
    return process;
  }

  private void awaitListening(Process process, String service, int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(service + " exited with " + process.exitValue() + ":\n" + log(service));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError(service + " not listening on " + port + " within 60 s:\n" + log(service));
  }

  private void assertServicesAlive() throws IOException {
    assertThat(services.get(0).isAlive()).as("endpoint JVM alive; its log:\n%s", log("endpoint")).isTrue();
    assertThat(services.get(1).isAlive()).as("edge JVM alive; its log:\n%s", log("edge")).isTrue();
    for (String service : List.of("endpoint", "edge")) {
      assertThat(log(service)).as(service + " log").doesNotContain("OutOfMemoryError");
    }
  }

  private String log(String service) throws IOException {
    Path file = dir.resolve(service + ".log");
    return Files.exists(file) ? Files.readString(file) : "(no log)";
  }

  private static String tail(String log) {
    List<String> lines = log.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Counts what the driver writes and keeps nothing: the test JVM must not hold the gigabyte either. */
  private static final class CountingStream extends OutputStream {
    long bytes;

    @Override
    public void write(int b) {
      bytes++;
    }

    @Override
    public void write(byte[] buffer, int offset, int length) {
      bytes += length;
    }
  }
}
