package dev.hyperdrive.placement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.placement.cli.CreateCommand;
import dev.hyperdrive.placement.cli.DeleteCommand;
import dev.hyperdrive.placement.cli.GetCommand;
import dev.hyperdrive.placement.cli.ListCommand;
import dev.hyperdrive.placement.cli.PlacementCommand;
import dev.hyperdrive.placement.cli.UpdateCommand;
import dev.hyperdrive.proto.probe.FailureKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The control-plane CLI against a placement service on a loopback port, as an operator uses it. */
class ControlPlaneCliTest {

  static final String ORIGIN = "postgres://app:s3cret%40x@db.internal:6543/appdb?sslmode=require";

  @TempDir Path dataDir;
  PlacementHarness harness;

  @BeforeEach
  void start() {
    harness = PlacementHarness.overTcpWithScriptedSites(dataDir, "london-1/eu-west", "tokyo-1/ap");
    harness.probe("london-1").connectsIn(12.4);
    harness.probe("tokyo-1").failsWith(FailureKind.TIMEOUT, "connect timed out", "");
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void createShowGetListUpdateDelete() throws InterruptedException {
    // create prints the validation and the edge connection string
    Run create = run(new CreateCommand(), "appdb", "--connection-string", ORIGIN, "--max-age", "30");
    assertThat(create.exitCode).as(create.err).isZero();
    assertThat(create.out)
        .contains("Validated from site london-1: connected in 12.4 ms (PostgreSQL 17.5).")
        .containsPattern("postgres://app:[A-Za-z0-9_-]{32}@localhost:6432/appdb");
    assertThat(harness.probe("london-1").validations.get(0).getOrigin().getPassword()).isEqualTo("s3cret@x");

    // placement show, once the run is over, marks the chosen site and ranks the failing one last
    harness.awaitRanking("appdb");
    Run show = run(new PlacementCommand(), "show", "appdb");
    assertThat(show.out).containsPattern("\\* london-1 +eu-west +12\\.4 ms +3/3")
        .containsPattern("  tokyo-1 +ap +- +0/3 +TIMEOUT: connect timed out")
        .contains("Placement of appdb, measured ");

    // get and list show the database, never the origin password
    Run get = run(new GetCommand(), "appdb");
    assertThat(get.out).contains("app@db.internal:6543/appdb (sslmode=require)")
        .contains("max_age 30s, stale_while_revalidate 15s")
        .contains("placed at:         london-1")
        .doesNotContain("s3cret");
    assertThat(run(new ListCommand()).out).containsPattern("appdb +london-1 +app@db.internal");

    // update changes only what is given
    Run update = run(new UpdateCommand(), "appdb", "--caching-disabled", "--pool-size", "7");
    assertThat(update.out).contains("caching:           disabled").contains("pool size:         7");

    // delete, then get fails with placement's own words
    assertThat(run(new DeleteCommand(), "appdb").out).contains("Deleted database appdb.");
    Run missing = run(new GetCommand(), "appdb");
    assertThat(missing.exitCode).isEqualTo(1);
    assertThat(missing.err).contains("error: NOT_FOUND: no database named 'appdb'");
  }

  @Test
  void aRejectedOriginPrintsWhatToFix() {
    harness.probe("london-1").failsWith(FailureKind.UNKNOWN_DATABASE, "database \"appdb\" does not exist", "3D000");

    Run create = run(new CreateCommand(), "appdb", "--connection-string", ORIGIN);

    assertThat(create.exitCode).isEqualTo(1);
    assertThat(create.err).contains("error: NOT_FOUND: database 'appdb' does not exist on the origin at "
        + "db.internal:6543 (SQLSTATE 3D000: database \"appdb\" does not exist): check the database name");
    assertThat(run(new ListCommand()).out).contains("No databases.");
  }

  @Test
  void aMalformedConnectionStringIsAUsageError() {
    Run create = run(new CreateCommand(), "appdb", "--connection-string", "postgres://db.internal/appdb");

    assertThat(create.exitCode).isEqualTo(2);
    assertThat(create.err).contains("--connection-string: the connection string names no user");
    assertThat(harness.probe("london-1").validations).isEmpty();
  }

  @Test
  void anUnreachablePlacementIsNamed() {
    Run list = new Run(new ListCommand(), "--placement", "127.0.0.1:1");

    assertThat(list.exitCode).isEqualTo(1);
    assertThat(list.err).contains("cannot reach placement at 127.0.0.1:1");
  }

  private Run run(Object command, String... args) {
    String[] withPlacement = new String[args.length + 2];
    // Subcommands take the option after their own name.
    boolean isGroup = command instanceof PlacementCommand;
    int at = isGroup ? 1 : 0;
    System.arraycopy(args, 0, withPlacement, 0, at);
    withPlacement[at] = "--placement";
    withPlacement[at + 1] = harness.address();
    System.arraycopy(args, at, withPlacement, at + 2, args.length - at);
    return new Run(command, withPlacement);
  }

  /** One CLI invocation's exit code and output. */
  static final class Run {
    final int exitCode;
    final String out;
    final String err;

    Run(Object command, String... args) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      this.exitCode = new CommandLine(command)
          .setOut(new PrintWriter(out, true))
          .setErr(new PrintWriter(err, true))
          .execute(args);
      this.out = out.toString();
      this.err = err.toString();
    }
  }
}
