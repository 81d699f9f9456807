package dev.hyperdrive.placement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.placement.ControlPlaneCliTest.Run;
import dev.hyperdrive.placement.cli.CreateCommand;
import dev.hyperdrive.placement.cli.ListCommand;
import dev.hyperdrive.placement.cli.PlacementCommand;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production wiring: placement started from a YAML file (Netty server, file store, Netty channels
 * to sites), driven by the CLI over TCP. The one configured site is not running, so create must say so.
 */
class PlacementFromConfigFileIT {

  @TempDir Path dir;

  @Test
  void startsFromItsConfigFileAndReportsSitesThatAreDown() throws IOException {
    int port = freePort();
    int deadSitePort = freePort();
    Path config = Files.writeString(dir.resolve("placement.yaml"), String.join("\n",
        "listen: 127.0.0.1:" + port,
        "data_dir: " + dir.resolve("data"),
        "sites:",
        "  - {name: london-1, region: eu-west, address: '127.0.0.1:" + deadSitePort + "'}",
        "placement: {connect_timeout: 2s}"));

    try (PlacementServer server = PlacementServer.start(PlacementConfigFile.load(config))) {
      String placement = "127.0.0.1:" + server.port();
      assertThat(new Run(new ListCommand(), "--placement", placement).out).contains("No databases.");

      Run create = new Run(new CreateCommand(), "appdb", "--placement", placement,
          "--connection-string", "postgres://app:pw@db.internal/appdb");

      assertThat(create.exitCode).isEqualTo(1);
      assertThat(create.err).contains("error: UNAVAILABLE: no endpoint site could validate the origin (london-1: "
          + "UNAVAILABLE");
    }
    assertThat(dir.resolve("data/databases")).isEmptyDirectory();
  }

  @Test
  void withoutConfigOrSubcommandPlacementPrintsItsUsage() {
    Run bare = new Run(new PlacementCommand());

    assertThat(bare.exitCode).isEqualTo(2);
    assertThat(bare.err).contains("Usage: placement").contains("--config=FILE").contains("show").contains("run");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
