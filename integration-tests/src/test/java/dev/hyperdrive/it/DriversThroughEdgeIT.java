package dev.hyperdrive.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.testing.PostgresExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * node-postgres, postgres.js and psycopg 3, each running a small script through edge and endpoint in
 * front of the real PostgreSQL, with 8 driver connections over an origin pool of 3 so prepared
 * statements are replayed on connections that never saw them (issue 4). Every script prints the same
 * lines when the driver saw what PostgreSQL itself would have sent.
 */
@ExtendWith(PostgresExtension.class)
class DriversThroughEdgeIT {
  private static final int ORIGIN_POOL = 3;
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
  /** UTC so dates print the same in every driver; UTF-8 so non-ASCII text survives stdout. */
  private static final Map<String, String> ENVIRONMENT = Map.of("TZ", "UTC", "LANG", "C.UTF-8",
      "PYTHONIOENCODING", "utf-8");

  private static final List<String> EXPECTED = List.of(
      "types: i=42 b=9007199254740993 t=héllo wörld n=12.345 f=true ts=2024-02-29T12:34:56.789Z j={\"a\":[1,2]}"
          + " y=deadbeef u=a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11 d=1.5 dt=2024-02-29 arr=[1,2,3] nul=null",
      "commit: 2 rows",
      "rollback: 2 rows",
      "error: 22012 division by zero",
      "recovered: 1",
      "aborted transaction: 25P02",
      "after rollback: 1",
      "prepared: 200 queries sum=20100",
      "done");

  @Test
  void nodePostgresNamedStatementsOverAPool(EmbeddedOrigin origin) throws Exception {
    Path scripts = DriverToolchain.nodePackages();
    // node-postgres sends Parse with its Bind: nothing for the edge to answer alone.
    assertPrintsExpected(origin, List.of("node", scripts.resolve("node-postgres.mjs").toString()), false);
  }

  @Test
  void postgresJsDefaultPreparedStatementsAndSqlBegin(EmbeddedOrigin origin) throws Exception {
    Path scripts = DriverToolchain.nodePackages();
    // Parse/Describe/Flush of a statement another connection prepared: answered at the edge.
    assertPrintsExpected(origin, List.of("node", scripts.resolve("postgres-js.mjs").toString()), true);
  }

  @Test
  void psycopgServerSidePreparedStatements(EmbeddedOrigin origin) throws Exception {
    Path scripts = DriverToolchain.psycopg();
    // Parse/Sync (libpq's PQprepare) of a statement another connection prepared: answered at the edge.
    assertPrintsExpected(origin,
        List.of(DriverToolchain.DEBIAN_PYTHON, scripts.resolve("psycopg_driver.py").toString()), true);
  }

  private static void assertPrintsExpected(EmbeddedOrigin origin, List<String> command, boolean answersAtEdge)
      throws Exception {
    try (RelayStack stack = RelayStack.start(origin, ORIGIN_POOL)) {
      ExternalCommand run = ExternalCommand.run(append(command, stack.url()), ENVIRONMENT, RUN_TIMEOUT);
      assertThat(run.stdout().lines().toList())
          .as("output of %s (exit %d), stderr:%n%s", command.get(1), run.exitCode(), run.stderr())
          .containsExactlyElementsOf(EXPECTED);
      assertThat(run.exitCode()).as("exit code; stderr:%n%s", run.stderr()).isZero();
      if (answersAtEdge) {
        assertThat(stack.edgeLocalAnswers()).as("batches answered at the edge").isPositive();
      }
    }
  }

  private static List<String> append(List<String> command, String argument) {
    List<String> full = new java.util.ArrayList<>(command);
    full.add(argument);
    return full;
  }
}
