package dev.hyperdrive.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.testing.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** psql through edge and endpoint: multi-statement strings, errors, and \copy both ways. */
@ExtendWith(PostgresExtension.class)
class PsqlThroughEdgeIT {
  private static RelayStack stack;

  @BeforeAll
  static void startStack(EmbeddedOrigin origin) {
    stack = RelayStack.start(origin, 2);
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  private static ExternalCommand psql(String... commands) throws Exception {
    return psqlAt(stack.url(), commands);
  }

  private static ExternalCommand psqlAt(String url, String... commands) throws Exception {
    List<String> command = new ArrayList<>(List.of("psql", url, "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1"));
    for (String c : commands) {
      command.add("-c");
      command.add(c);
    }
    return ExternalCommand.run(command, Map.of("PGCONNECT_TIMEOUT", "10"), Duration.ofSeconds(60));
  }

  @Test
  void multipleStatementsInOneQueryStringPrintWhatPostgresPrints() throws Exception {
    String script = "DROP TABLE IF EXISTS psql_multi; CREATE TABLE psql_multi (id int, name text);"
        + " INSERT INTO psql_multi VALUES (1, 'a'), (2, 'b'); SELECT count(*) FROM psql_multi";
    ExternalCommand relayed = psql(script).assertSucceeded();
    ExternalCommand direct = psqlAt(stack.origin().url(), script).assertSucceeded();
    assertThat(relayed.stdout()).isEqualTo(direct.stdout()).isEqualTo("DROP TABLE\nCREATE TABLE\nINSERT 0 2\n2\n");
  }

  @Test
  void errorsReachPsqlWithTheirMessage() throws Exception {
    ExternalCommand result = psql("SELECT 1/0");
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains("division by zero");
    assertThat(psql("SELECT 'still fine'").assertSucceeded().stdout().strip()).isEqualTo("still fine");
  }

  @Test
  void copyInAndOutThroughBackslashCopy(@TempDir Path dir) throws Exception {
    Path input = dir.resolve("in.csv");
    Path output = dir.resolve("out.csv");
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      csv.append(i).append(",\"name, with comma ").append(i).append("\"\n");
    }
    Files.writeString(input, csv, StandardCharsets.UTF_8);

    psql("DROP TABLE IF EXISTS psql_copy", "CREATE TABLE psql_copy (id int PRIMARY KEY, name text)").assertSucceeded();
    ExternalCommand in = psql("\\copy psql_copy FROM '" + input + "' WITH (FORMAT csv)").assertSucceeded();
    assertThat(in.stdout().strip()).isEqualTo("COPY 20000");

    psql("\\copy (SELECT * FROM psql_copy ORDER BY id) TO '" + output + "' WITH (FORMAT csv, FORCE_QUOTE (name))")
        .assertSucceeded();
    assertThat(Files.readString(output, StandardCharsets.UTF_8)).isEqualTo(csv.toString());
  }

  @Test
  void failedCopyInLeavesNothingBehind(@TempDir Path dir) throws Exception {
    Path input = dir.resolve("bad.csv");
    Files.writeString(input, "1,ok\nnot-a-number,bad\n", StandardCharsets.UTF_8);
    psql("DROP TABLE IF EXISTS psql_copy_bad", "CREATE TABLE psql_copy_bad (id int, name text)").assertSucceeded();

    ExternalCommand failed = psql("\\copy psql_copy_bad FROM '" + input + "' WITH (FORMAT csv)");
    assertThat(failed.exitCode()).isNotZero();
    assertThat(failed.stderr()).contains("invalid input syntax for type integer");
    assertThat(psql("SELECT count(*) FROM psql_copy_bad").assertSucceeded().stdout().strip()).isEqualTo("0");
  }
}
