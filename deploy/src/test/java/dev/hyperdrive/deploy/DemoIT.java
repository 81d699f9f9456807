package dev.hyperdrive.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code hyperdrive demo} as a real child process, as an operator would: the two URL lines come first on
 * stdout, then placement's address; the demo database is registered in placement ({@code hyperdrive list}
 * shows it); a query through the edge URL (placement's issued credentials) reaches PostgreSQL through edge and
 * endpoint; and SIGTERM stops the edge (letting an open transaction commit), then placement, the endpoint and
 * the origin.
 */
class DemoIT {

    private static final Pattern EDGE_LINE =
            Pattern.compile("edge: postgres://hyperdrive:([A-Za-z0-9_-]{16,})@127\\.0\\.0\\.1:(\\d+)/hyperdrive");
    private static final Pattern ORIGIN_LINE =
            Pattern.compile("origin: postgres://hyperdrive:hyperdrive@127\\.0\\.0\\.1:(\\d+)/hyperdrive");
    private static final Pattern PLACEMENT_LINE = Pattern.compile("placement: (127\\.0\\.0\\.1:\\d+)");

    @Test
    void demoPrintsEdgeAndOriginUrlsThatWorkAndShutsDownInOrderOnSigterm(@TempDir Path dir) throws Exception {
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.log");
        Process demo = new ProcessBuilder(javaExecutable(), "-cp", distributionClassPath(), Launcher.class.getName(),
                "demo", "--pool-size", "3")
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        try {
            List<String> lines = awaitLines(3, demo, stdout, stderr);
            Matcher edge = EDGE_LINE.matcher(lines.get(0));
            assertThat(edge.matches()).as("first stdout line %s", lines.get(0)).isTrue();
            Matcher origin = ORIGIN_LINE.matcher(lines.get(1));
            assertThat(origin.matches()).as("second stdout line %s", lines.get(1)).isTrue();
            String edgeJdbcUrl = "jdbc:postgresql://127.0.0.1:" + edge.group(2) + "/hyperdrive";
            String originJdbcUrl = "jdbc:postgresql://127.0.0.1:" + origin.group(1) + "/hyperdrive";
            String edgePassword = edge.group(1);
            Matcher placement = PLACEMENT_LINE.matcher(lines.get(2));
            assertThat(placement.matches()).as("third stdout line %s", lines.get(2)).isTrue();
            assertThat(launch("list", "--placement", placement.group(1)))
                    .as("the demo database was created through placement").contains("hyperdrive");

            assertThat(query(edgeJdbcUrl, "hyperdrive", edgePassword, "select current_user || ' ' || 6 * 7"))
                    .as("through edge and endpoint with the credentials placement issued, reaching the origin")
                    .isEqualTo("hyperdrive 42");
            assertThat(query(originJdbcUrl, "hyperdrive", "hyperdrive", "select 'origin'")).isEqualTo("origin");
            assertThatThrownBy(() -> query(edgeJdbcUrl, "hyperdrive", "hyperdrive", "select 1"))
                    .as("the edge checks the password placement issued, not the origin's").hasMessageContaining("password authentication failed");

            // A transaction open at SIGTERM can still commit: the edge drains it while endpoint and origin run.
            try (Connection inTransaction = DriverManager.getConnection(edgeJdbcUrl, "hyperdrive", edgePassword);
                 Statement statement = inTransaction.createStatement()) {
                statement.execute("create table drained (n int)");
                inTransaction.setAutoCommit(false);
                statement.execute("insert into drained values (1)");

                demo.destroy(); // SIGTERM
                Thread.sleep(1000);
                inTransaction.commit();
            }
            assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("demo exits after SIGTERM").isTrue();
            assertThat(demo.exitValue()).isEqualTo(143);
            assertThat(Files.readAllLines(stdout)).as("nothing but the address lines on stdout").containsExactlyElementsOf(lines);
            String log = Files.readString(stderr);
            assertThat(log).as("shutdown order").containsSubsequence("edge stopped", "placement stopped", "endpoint site local-1 stopped",
                    "embedded PostgreSQL on port " + origin.group(1) + " stopped", "demo stopped");
            assertThat(log).as("no password in the log").doesNotContain(edgePassword);
            assertThatThrownBy(() -> query(originJdbcUrl, "hyperdrive", "hyperdrive", "select 1"))
                    .as("PostgreSQL is stopped").isInstanceOf(SQLException.class);
        } finally {
            stop(demo);
        }
    }

    /**
     * SIGTERM first even when an assertion failed early: SIGKILL would leave the demo's PostgreSQL (a child
     * process of its own) running with its data directory.
     */
    private static void stop(Process demo) throws InterruptedException {
        demo.destroy();
        if (!demo.waitFor(60, TimeUnit.SECONDS)) {
            demo.destroyForcibly();
        }
    }

    /** The launcher prints its URL lines once everything is up; initdb can take a while on a busy machine. */
    private static List<String> awaitLines(int count, Process demo, Path stdout, Path stderr)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            String text = Files.readString(stdout);
            if (text.chars().filter(c -> c == '\n').count() >= count) {
                return text.lines().limit(count).toList();
            }
            if (!demo.isAlive()) {
                throw new AssertionError("demo exited with " + demo.exitValue() + "; stderr: " + Files.readString(stderr));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no URL lines within 120 s; stderr: " + Files.readString(stderr));
    }

    /** Runs a launcher command from the distribution, as {@code deploy/hyperdrive} would, and returns its stdout. */
    private static String launch(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-cp", distributionClassPath(),
                Launcher.class.getName()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finishes", command).isTrue();
        assertThat(process.exitValue()).as("%s exit status; stdout: %s", command, out).isZero();
        return out;
    }

    private static String query(String jdbcUrl, String user, String password, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The classpath deploy/hyperdrive uses: the packaged launcher jar and target/lib. Failsafe runs after
     * the package phase, so this tests the distribution itself, not the (richer) test classpath.
     */
    private static String distributionClassPath() throws IOException {
        Path target = Path.of("target");
        try (Stream<Path> files = Files.list(target)) {
            Path jar = files.filter(file -> file.getFileName().toString().matches("hyperdrive-deploy-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IOException("no launcher jar in " + target.toAbsolutePath() + "; run mvn verify"));
            return jar + File.pathSeparator + target.resolve("lib") + File.separator + "*";
        }
    }
}
